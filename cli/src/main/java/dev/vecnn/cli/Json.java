package dev.vecnn.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The one JSON writer of every command (Gson): a document is a record, whose components become the
 * keys in their declared order (camelCase), written compactly on one line. Numbers keep their full
 * precision (a float as {@link Float#toString}, so an lr of 1e-3 prints 0.001 and 1e-7 prints
 * 1.0E-7); NaN and the infinities, which JSON lacks, become null, as do absent values; a path is
 * its string.
 */
final class Json {
    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(double.class, new FiniteOrNull<Double>(JsonReader::nextDouble))
            .registerTypeAdapter(Double.class, new FiniteOrNull<Double>(JsonReader::nextDouble))
            .registerTypeAdapter(float.class, new FiniteOrNull<Float>(in -> (float) in.nextDouble()))
            .registerTypeAdapter(Float.class, new FiniteOrNull<Float>(in -> (float) in.nextDouble()))
            .registerTypeHierarchyAdapter(Path.class, new PathAsString())
            .create();

    private Json() {}

    /** {@code document} as one line of JSON. */
    static String text(Object document) {
        return GSON.toJson(document);
    }

    /** Prints {@code document} as one line and flushes, so a program reading a pipe sees it at once. */
    static void print(PrintWriter out, Object document) {
        out.println(text(document));
        out.flush();
    }

    private interface NumberRead<T extends Number> {
        T read(JsonReader in) throws IOException;
    }

    /** A float or double at full precision, null where it is not finite. */
    private static final class FiniteOrNull<T extends Number> extends TypeAdapter<T> {
        private final NumberRead<T> read;

        FiniteOrNull(NumberRead<T> read) {
            this.read = read;
        }

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            if (value == null || !Double.isFinite(value.doubleValue())) out.nullValue();
            else out.value(value);
        }

        @Override
        public T read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.NULL) return read.read(in);
            in.nextNull();
            return null;
        }
    }

    private static final class PathAsString extends TypeAdapter<Path> {
        @Override
        public void write(JsonWriter out, Path value) throws IOException {
            if (value == null) out.nullValue();
            else out.value(value.toString());
        }

        @Override
        public Path read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.NULL) return Path.of(in.nextString());
            in.nextNull();
            return null;
        }
    }
}
