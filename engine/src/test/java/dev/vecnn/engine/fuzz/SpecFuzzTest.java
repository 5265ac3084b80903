package dev.vecnn.engine.fuzz;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spec parser and the network builder against damaged specs: random text, characters changed,
 * inserted and deleted, chunks duplicated, numbers set to huge or negative values. A spec is built
 * or refused with a SpecException, nothing else (a tensor too large for an array or for a model
 * file is a SpecException too, raised before it is allocated), and a network that is built
 * allocates no more than a few times its tensors.
 */
class SpecFuzzTest {
    private static final int CASES = 2500;
    private static final String[] VALID = {
            "conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten dense(128) relu dense(10)",
            "conv(4,3,pad=1) batchnorm relu spatialdropout(0.2) maxpool(2) conv(6,3) prelu flatten dense(16) batchnorm relu "
                    + "dropout(0.3) dense(4)",
            "conv(8, 5, stride=2, pad=2) leakyrelu(0.1) avgpool(size=3, stride=2, pad=1)\n# a comment\nflatten "
                    + "dense(32, init=xavier) tanh dense(10) softmax",
    };
    private static final String[] HUGE = {"2147483647", "-2147483648", "99999999999999999999", "16777216", "65536", "0", "-1",
            "1e9", "NaN", "1024"};
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final String ALPHABET = "(),= #\n\tabcdefghijklmnopqrstuvwxyz0123456789.-_";

    private static String mutate(String valid, SplittableRandom random) {
        StringBuilder text = new StringBuilder(valid);
        switch (random.nextInt(6)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
            case 1 -> text.setCharAt(random.nextInt(text.length()), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 2 -> text.insert(random.nextInt(text.length() + 1), ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 3 -> text.deleteCharAt(random.nextInt(text.length()));
            case 4 -> {
                int from = random.nextInt(text.length()), to = Math.min(text.length(), from + 1 + random.nextInt(40));
                text.insert(to, text.substring(from, to));
            }
            default -> {
                Matcher numbers = NUMBER.matcher(valid);
                int count = (int) numbers.results().count(), pick = random.nextInt(count);
                numbers.reset();
                for (int i = 0; i <= pick; i++) numbers.find();
                text.replace(numbers.start(), numbers.end(), HUGE[random.nextInt(HUGE.length)]);
            }
        }
        return text.toString();
    }

    @Test
    void damagedSpecsAreBuiltOrRefusedWithASpecException() {
        SplittableRandom random = new SplittableRandom(31);
        int built = 0;
        for (int c = 0; c < CASES; c++) {
            String spec = mutate(VALID[c % VALID.length], random);
            Model[] model = new Model[1];
            String what = "case " + c + " '" + spec + "'";
            boolean ok = Fuzz.check(what, SpecException.class, Long.MAX_VALUE,
                    () -> model[0] = Model.build(spec, new Shape(1, 28, 28), 1));
            if (!ok) continue;
            built++;
            long values = 0;
            for (var tensor : model[0].tensors()) values += tensor.size();
            long tensorsBytes = 4 * values;
            // Built again, now that its size is known: the tensors, batch norm's scratch of their size, small objects.
            Fuzz.check(what + " built again", SpecException.class, 3 * tensorsBytes + 1024L * spec.length() + (1 << 20),
                    () -> Model.build(spec, new Shape(1, 28, 28), 1));
        }
        assertTrue(built > CASES / 50 && built < CASES / 2, built + " of " + CASES + " damaged specs built");
    }

    @Test
    void aNetworkTooLargeForAModelFileIsRefusedBeforeItsTensorsAreAllocated() {
        String spec = "flatten dense(300000) dense(10)";
        Fuzz.check(spec, SpecException.class, 1 << 20, () -> {
            try {
                Model.build(spec, new Shape(1, 28, 28), 1);
            } catch (SpecException e) {
                assertTrue(e.getMessage().contains("values, the most one model file holds"), e.getMessage());
                throw e;
            }
        });
    }
}
