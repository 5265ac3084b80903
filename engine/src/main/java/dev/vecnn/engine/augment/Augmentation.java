package dev.vecnn.engine.augment;

import dev.vecnn.engine.spec.Arguments;
import dev.vecnn.engine.spec.LayerCall;
import dev.vecnn.engine.spec.SpecException;
import dev.vecnn.engine.spec.SpecParser;
import dev.vecnn.kernels.StridedTaps;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The random transformations applied to the training images, written like a spec:
 * <pre>
 * shift(pixels)        move by up to pixels in x and in y
 * rotate(degrees)      turn about the centre by up to degrees either way
 * scale(min, max)      scale about the centre by a factor in [min, max]
 * elastic(alpha, sigma) elastic distortion (Simard et al. 2003), e.g. elastic(34,4) on 28x28 digits
 * flip                 mirror left to right, half the time
 * erase(p)             with probability p, blank a random rectangle (Zhong et al. 2017)
 * none                 no augmentation
 * </pre>
 * Each may appear once; the order they are written in does not matter: the geometric ones combine
 * into one mapping (mirror, scale and rotate about the centre, shift, then the elastic field),
 * sampled once, bilinearly, from the stored bytes; erasing comes last.
 */
public record Augmentation(List<Transform> transforms) {
    public static final Augmentation NONE = new Augmentation(List.of());

    public Augmentation {
        transforms = List.copyOf(transforms);
        for (int i = 0; i < transforms.size(); i++)
            for (int j = 0; j < i; j++)
                if (transforms.get(i).getClass() == transforms.get(j).getClass())
                    throw new IllegalArgumentException(name(transforms.get(i)) + " is given twice");
    }

    public boolean isNone() { return transforms.isEmpty(); }

    /** The transformation of type {@code type}, or null when it is not in the list. */
    <T extends Transform> T get(Class<T> type) {
        for (Transform t : transforms) if (type.isInstance(t)) return type.cast(t);
        return null;
    }

    /** Parses a list such as {@code shift(2) rotate(10) scale(0.9,1.1)}, or {@code none}. */
    public static Augmentation parse(String text) {
        try {
            List<LayerCall> calls = SpecParser.parse(text);
            if (calls.size() == 1 && calls.get(0).name().equals("none")) {
                Arguments.bind(calls.get(0), 0);
                return NONE;
            }
            List<Transform> transforms = new ArrayList<>();
            for (LayerCall call : calls) {
                Transform t = of(call);
                for (Transform earlier : transforms)
                    if (earlier.getClass() == t.getClass()) throw call.error(call.name() + " is given twice");
                transforms.add(t);
            }
            return new Augmentation(transforms);
        } catch (SpecException e) {
            throw new IllegalArgumentException("bad augmentation '" + text.trim() + "': " + e.reason());
        }
    }

    private static Transform of(LayerCall call) {
        return switch (call.name()) {
            case "shift" -> new Transform.Shift(Arguments.bind(call, 1, "pixels").real("pixels", 0, 0, 100, true));
            case "rotate" -> new Transform.Rotate(Arguments.bind(call, 1, "degrees").real("degrees", 0, 0, 180, true));
            case "scale" -> {
                Arguments a = Arguments.bind(call, 2, "min", "max");
                double min = a.real("min", 1, 0.01, 10, true), max = a.real("max", 1, 0.01, 10, true);
                if (min > max) throw call.error("min " + min + " is above max " + max);
                yield new Transform.Scale(min, max);
            }
            case "elastic" -> {
                Arguments a = Arguments.bind(call, 2, "alpha", "sigma");
                yield new Transform.Elastic(a.real("alpha", 0, 0, 1000, true), a.real("sigma", 1, 0.1, 100, true));
            }
            case "flip" -> {
                Arguments.bind(call, 0);
                yield new Transform.Flip();
            }
            case "erase" -> new Transform.Erase(Arguments.bind(call, 1, "p").real("p", 0, 0, 1, true));
            case "none" -> throw call.error("none stands alone: it means no augmentation");
            default -> throw call.error("unknown augmentation '" + call.name()
                    + "' (known: shift, rotate, scale, elastic, flip, erase, none)");
        };
    }

    /**
     * An augmenter for images of height x width, with scratch space for {@code lanes} concurrent
     * callers, smoothing elastic fields with {@code taps}.
     */
    public Augmenter augmenter(StridedTaps taps, int lanes, int height, int width) {
        return new Augmenter(this, taps, lanes, height, width);
    }

    /** The canonical text, which {@link #parse} reads back. */
    @Override
    public String toString() {
        if (transforms.isEmpty()) return "none";
        return transforms.stream().map(Augmentation::text).collect(Collectors.joining(" "));
    }

    private static String text(Transform t) {
        return switch (t) {
            case Transform.Shift s -> "shift(" + number(s.pixels()) + ")";
            case Transform.Rotate r -> "rotate(" + number(r.degrees()) + ")";
            case Transform.Scale s -> "scale(" + number(s.min()) + "," + number(s.max()) + ")";
            case Transform.Elastic e -> "elastic(" + number(e.alpha()) + "," + number(e.sigma()) + ")";
            case Transform.Flip f -> "flip";
            case Transform.Erase e -> "erase(" + number(e.p()) + ")";
        };
    }

    private static String name(Transform t) {
        String text = text(t);
        int paren = text.indexOf('(');
        return paren < 0 ? text : text.substring(0, paren);
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
