package dev.vecnn.engine.spec;

/**
 * A network spec (or a schedule) that cannot be built, naming the offending token, where it
 * stands and why it is rejected, e.g. {@code spec error at 'maxpool(5)' (layer 3, column 24):
 * window 5x5 is larger than its 4x4 input}.
 */
public final class SpecException extends IllegalArgumentException {
    private final String token;
    private final String reason;

    public SpecException(String token, int layer, int column, String reason) {
        super("spec error at '" + token + "' (layer " + layer + ", column " + column + "): " + reason);
        this.token = token;
        this.reason = reason;
    }

    public SpecException(String reason) {
        super("spec error: " + reason);
        this.token = "";
        this.reason = reason;
    }

    /** The text of the offending layer call, as written; empty when the spec as a whole is wrong. */
    public String token() { return token; }

    public String reason() { return reason; }
}
