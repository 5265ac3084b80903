package dev.vecnn.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The two pieces of JSON the commands write by hand: strings and numbers. */
final class JsonText {
    private JsonText() {}

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** A finite number with up to {@code decimals} decimals; NaN and infinities, which JSON lacks, become null. */
    static String number(double value, int decimals) {
        if (!Double.isFinite(value)) return "null";
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
    }
}
