package dev.vecnn.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
    private record Numbers(float lr, double loss, double missing, Float absent, Path out, List<String> names) {}

    @Test
    void numbersKeepTheirPrecisionAndTheirOrderOfKeys() {
        String text = Json.text(new Numbers(1e-7f, 0.1234567890123, Double.NaN, null, Path.of("runs", "a b"),
                List.of("x \"y\"")));
        assertEquals("{\"lr\":1.0E-7,\"loss\":0.1234567890123,\"missing\":null,\"absent\":null,\"out\":\"runs/a b\","
                + "\"names\":[\"x \\\"y\\\"\"]}", text);
        Map<?, ?> parsed = JsonOutput.object(text);
        assertEquals(List.of("lr", "loss", "missing", "absent", "out", "names"), List.copyOf(parsed.keySet()));
        assertEquals(1e-7, (Double) parsed.get("lr"), 1e-15, "a tiny rate is not rounded to 0");
    }

    @Test
    void floatsPrintAsGivenNotAsTheirDoubleExpansion() {
        assertEquals("{\"lr\":0.001,\"loss\":null,\"missing\":0.0,\"absent\":0.0,\"out\":null,\"names\":[]}",
                Json.text(new Numbers(0.001f, Double.POSITIVE_INFINITY, 0, 0f, null, List.of())));
    }

    @Test
    void theLocaleDoesNotChangeNumbers() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("{\"lr\":0.5,\"loss\":1234.5,\"missing\":null,\"absent\":null,\"out\":null,\"names\":[]}",
                    Json.text(new Numbers(0.5f, 1234.5, Double.NaN, null, null, List.of())));
        } finally {
            Locale.setDefault(before);
        }
    }
}
