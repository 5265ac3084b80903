package dev.vecnn.onnx;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.vecnn.onnx.proto.Onnx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every message, field and enum value of vecnn's onnx.proto (as compiled into the generated
 * classes) has the name, number, type, label and packing of the official onnx.proto, which
 * Debian's python3-onnx installs. Skipped, saying so, where that package is not installed.
 */
class OnnxProtoMatchesOfficialTest {
    static final Path OFFICIAL = Path.of("/usr/lib/python3/dist-packages/onnx/onnx.proto");

    /** A field of the official file: its label ("optional" inside a oneof), type as written, number, packing, oneof. */
    record Field(String label, String type, int number, boolean packed, String oneof) {}

    @Test
    void vecnnsOnnxProtoHasTheOfficialFieldNumbersAndTypes() throws IOException {
        assumeTrue(Files.isRegularFile(OFFICIAL), "the official " + OFFICIAL + " is not here (apt-get install python3-onnx)");
        OfficialProto official = OfficialProto.parse(Files.readString(OFFICIAL));
        int fields = 0;
        for (Descriptor message : Onnx.getDescriptor().getMessageTypes()) fields += check(message, official);
        for (EnumDescriptor e : Onnx.getDescriptor().getEnumTypes()) check(e, official);
        assertEquals(true, fields > 50, "compared " + fields + " fields");
    }

    private static int check(Descriptor message, OfficialProto official) {
        String name = message.getFullName();
        Map<String, Field> theirs = official.messages.get(name);
        assertNotNull(theirs, "the official file has no message " + name);
        int count = 0;
        for (FieldDescriptor f : message.getFields()) {
            Field o = theirs.get(f.getName());
            assertNotNull(o, "the official " + name + " has no field " + f.getName());
            String where = name + "." + f.getName();
            assertEquals(o.number(), f.getNumber(), where + " number");
            assertEquals(o.label(), f.isRepeated() ? "repeated" : "optional", where + " label");
            assertEquals(official.resolve(name, o.type()), typeOf(f), where + " type");
            assertEquals(o.packed(), f.isPacked(), where + " packing");
            assertEquals(o.oneof(), f.getRealContainingOneof() == null ? null : f.getRealContainingOneof().getName(),
                    where + " oneof");
            count++;
        }
        for (Descriptor nested : message.getNestedTypes()) count += check(nested, official);
        for (EnumDescriptor e : message.getEnumTypes()) check(e, official);
        return count;
    }

    private static void check(EnumDescriptor e, OfficialProto official) {
        Map<String, Integer> theirs = official.enums.get(e.getFullName());
        assertNotNull(theirs, "the official file has no enum " + e.getFullName());
        for (EnumValueDescriptor v : e.getValues())
            assertEquals(theirs.get(v.getName()), v.getNumber(), e.getFullName() + "." + v.getName());
    }

    private static String typeOf(FieldDescriptor f) {
        return switch (f.getType()) {
            case MESSAGE -> f.getMessageType().getFullName();
            case ENUM -> f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The messages (fields by name) and enums (values by name) of a .proto text, by full name. */
    static final class OfficialProto {
        final Map<String, Map<String, Field>> messages = new HashMap<>();
        final Map<String, Map<String, Integer>> enums = new HashMap<>();
        private final List<String> tokens = new ArrayList<>();
        private int at;

        static OfficialProto parse(String text) {
            OfficialProto p = new OfficialProto();
            Matcher m = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*|-?0x[0-9A-Fa-f]+|-?[0-9]+|\"[^\"]*\"|[{}\\[\\]=;,<>()]")
                    .matcher(text.replaceAll("//[^\n]*", ""));
            while (m.find()) p.tokens.add(m.group());
            String pkg = "";
            while (p.at < p.tokens.size()) {
                String t = p.next();
                switch (t) {
                    case "package" -> pkg = p.next();
                    case "message" -> p.message(pkg);
                    case "enum" -> p.enumeration(pkg);
                    case ";" -> { }
                    default -> p.skipStatement();
                }
            }
            return p;
        }

        /** The full name a type written inside message {@code scope} refers to, looked up from the innermost scope out. */
        String resolve(String scope, String type) {
            if (!Character.isUpperCase(type.charAt(0))) return type;
            for (String s = scope; !s.isEmpty(); s = s.contains(".") ? s.substring(0, s.lastIndexOf('.')) : "") {
                String candidate = s + "." + type;
                if (messages.containsKey(candidate) || enums.containsKey(candidate)) return candidate;
            }
            return type;
        }

        private String next() { return tokens.get(at++); }

        private void skipStatement() {
            while (!tokens.get(at - 1).equals(";")) at++;
        }

        private void message(String scope) {
            String name = scope + "." + next();
            Map<String, Field> fields = new HashMap<>();
            messages.put(name, fields);
            expect("{");
            body(name, fields, null);
        }

        /** Fields, nested messages, enums and oneofs up to the closing brace. */
        private void body(String name, Map<String, Field> fields, String oneof) {
            while (true) {
                String t = next();
                switch (t) {
                    case "}" -> { return; }
                    case ";" -> { }
                    case "message" -> message(name);
                    case "enum" -> enumeration(name);
                    case "reserved", "option", "extensions" -> skipStatement();
                    case "oneof" -> {
                        String group = next();
                        expect("{");
                        body(name, fields, group);
                    }
                    default -> {
                        String label = oneof != null ? "optional" : t;
                        String type = oneof != null ? t : next();
                        String field = next();
                        expect("=");
                        int number = Integer.decode(next());
                        boolean packed = false;
                        String end = next();
                        if (end.equals("[")) {
                            StringBuilder options = new StringBuilder();
                            for (String o = next(); !o.equals("]"); o = next()) options.append(o);
                            packed = options.toString().equals("packed=true");
                            end = next();
                        }
                        if (!end.equals(";")) throw new IllegalStateException("unexpected '" + end + "' after field " + field);
                        fields.put(field, new Field(label, type, number, packed, oneof));
                    }
                }
            }
        }

        private void enumeration(String scope) {
            String name = scope + "." + next();
            Map<String, Integer> values = new HashMap<>();
            enums.put(name, values);
            expect("{");
            for (String t = next(); !t.equals("}"); t = next()) {
                if (t.equals(";")) continue;
                if (t.equals("option") || t.equals("reserved")) { skipStatement(); continue; }
                expect("=");
                values.put(t, (int) (long) Long.decode(next()));
                String end = next();
                if (end.equals("[")) { while (!next().equals("]")) { } end = next(); }
                if (!end.equals(";")) throw new IllegalStateException("unexpected '" + end + "' after enum value " + t);
            }
        }

        private void expect(String token) {
            String t = next();
            if (!t.equals(token)) throw new IllegalStateException("expected '" + token + "', found '" + t + "'");
        }
    }
}
