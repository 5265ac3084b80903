package dev.vecnn.engine.fuzz;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.io.ModelFile;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Checkpoint;
import dev.vecnn.engine.train.EpochProgress;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model loader (bytes, then checkpoint, then the network rebuilt with its tensors) against
 * damaged files: damaged as they come, and damaged and then given a fresh checksum and length, so
 * that the damage gets past the SHA-256 to the fields, the spec and the tensors. Only a
 * BadFileException escapes, and nothing allocates more than a few times the file's length: a
 * damaged spec that asks for a larger network than the file's tensors is refused before its
 * tensors are allocated.
 */
class ModelFileFuzzTest {
    private static final int CASES = 3000;

    /** A valid file of a network with every kind of tensor (conv, batch norm, dense), mid-epoch options included. */
    private static byte[] validFile() {
        Model model = Model.build("conv(3,3) batchnorm relu maxpool(2) flatten dense(8) prelu dense(4)", new Shape(1, 8, 8), 3);
        List<float[]> state = new ArrayList<>();
        for (float[] t : model.copyTensors()) state.add(t.clone());
        Checkpoint checkpoint = new Checkpoint(model.spec(), model.input(), model.classes(), model.copyTensors(), "adam",
                state.subList(0, 2), 3, 2, 57, new EpochProgress(5, 3.25, 40, 1.5, 0.002f));
        return ModelFile.toBytes(checkpoint.toContents(Map.of("lr", "0.001", "epochs", "4", "batch-size", "16")));
    }

    /** Offsets of the file's count and length fields, found by walking its layout (ModelFile's javadoc). */
    private static int[] lengthFields(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file);
        List<Integer> fields = new ArrayList<>();
        in.position(8);
        fields.add(in.position());
        in.getInt(); // version
        in.getLong(); // length
        skipString(in, fields);
        fields.add(in.position());
        int rank = in.getInt();
        in.position(in.position() + 4 * rank);
        fields.add(in.position());
        in.getInt(); // classes
        for (int part = 0; part < 2; part++) {
            fields.add(in.position());
            int tensors = in.getInt();
            for (int t = 0; t < tensors; t++) {
                fields.add(in.position());
                int length = in.getInt();
                in.position(in.position() + 4 * length);
            }
        }
        fields.add(in.position());
        in.getInt(); // epoch
        in.getLong(); // step
        fields.add(in.position());
        int words = in.getInt();
        in.position(in.position() + 8 * words);
        fields.add(in.position());
        int options = in.getInt();
        for (int o = 0; o < 2 * options; o++) skipString(in, fields);
        return fields.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void skipString(ByteBuffer in, List<Integer> fields) {
        fields.add(in.position());
        int length = in.getInt();
        in.position(in.position() + length);
    }

    /** The file with its declared length and checksum made to match its bytes again. */
    private static byte[] resealed(byte[] file) {
        if (file.length < 20 + 32) return file;
        ByteBuffer.wrap(file).putLong(12, file.length);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(file, 0, file.length - 32);
            System.arraycopy(digest.digest(), 0, file, file.length - 32, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return file;
    }

    @Test
    void damagedModelFilesAreLoadedOrRefusedWithinTheirSize() {
        byte[] valid = validFile();
        int[] fields = lengthFields(valid);
        Mutator mutator = new Mutator(21);
        int accepted = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] damaged = mutator.mutate(valid, fields);
            byte[] bytes = c % 4 == 0 ? damaged : resealed(damaged);
            String what = "case " + c + (c % 4 == 0 ? "" : ", resealed") + " (" + bytes.length + " bytes)";
            boolean ok = Fuzz.check(what, BadFileException.class, 8L * bytes.length + (256 << 10), () -> {
                Checkpoint checkpoint = Checkpoint.of("case", ModelFile.fromBytes("case", bytes));
                checkpoint.model("case");
            });
            if (ok) accepted++;
        }
        assertTrue(accepted > 0 && accepted < CASES / 2, accepted + " of " + CASES + " damaged files accepted");
    }
}
