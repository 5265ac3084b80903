package dev.vecnn.engine.augment;

import dev.vecnn.engine.Synthetic;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.kernels.Registry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the drawn transformations, over many images and epochs. */
class AugmenterTest {
    private static final int SIZE = 20;

    /** Images of one bright 4x4 blob each, at a position that varies but stays 5 pixels from every edge. */
    private static Dataset blobs(int count) {
        byte[] pixels = new byte[count * SIZE * SIZE];
        for (int n = 0; n < count; n++) {
            int left = 5 + n % 7, top = 5 + (n / 7) % 7;
            for (int y = top; y < top + 4; y++)
                for (int x = left; x < left + 4; x++) pixels[n * SIZE * SIZE + y * SIZE + x] = (byte) (100 + 30 * ((x + y) % 5));
        }
        return new Dataset("blobs", 1, SIZE, SIZE, 2, pixels, new byte[count]);
    }

    private static float[] load(Augmenter augmenter, Dataset data, int index) {
        float[] out = new float[data.imageSize()];
        augmenter.load(0, data, index, out, 0);
        return out;
    }

    private static float[] stored(Dataset data, int index) {
        float[] out = new float[data.imageSize()];
        data.imageAsFloats(index, out, 0);
        return out;
    }

    /** {mass, centre x, centre y} of a SIZE x SIZE image. */
    private static double[] moments(float[] image) {
        double mass = 0, x = 0, y = 0;
        for (int i = 0; i < image.length; i++) {
            mass += image[i];
            x += image[i] * (i % SIZE);
            y += image[i] * (i / SIZE);
        }
        return new double[] {mass, x / mass, y / mass};
    }

    private static Augmenter augmenter(String text) { return Augmentation.parse(text).augmenter(Registry.TAPS.simd(), 1, SIZE, SIZE); }

    @Test
    void zeroSizedTransformationsAreTheIdentity() {
        Dataset data = Synthetic.noise(30, 1, SIZE, SIZE, 3, 5);
        for (String text : new String[] {"shift(0)", "rotate(0)", "scale(1,1)", "elastic(0,4)", "erase(0)",
                "shift(0) rotate(0) scale(1,1) elastic(0,3) erase(0)"}) {
            Augmenter a = augmenter(text);
            for (int epoch = 0; epoch < 3; epoch++) {
                a.startEpoch(epoch * 7919L);
                for (int i = 0; i < data.count(); i++) assertArrayEquals(stored(data, i), load(a, data, i), text);
            }
        }
    }

    @Test
    void aShiftMovesTheCentreOfMassByTheDrawnShift() {
        Dataset data = blobs(40);
        Augmenter a = augmenter("shift(2)");
        double largest = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            a.startEpoch(epoch);
            for (int i = 0; i < data.count(); i++) {
                double[] before = moments(stored(data, i)), after = moments(load(a, data, i));
                Warp w = a.warp(i);
                assertTrue(Math.abs(w.dx()) <= 2 && Math.abs(w.dy()) <= 2, w.toString());
                assertEquals(before[0], after[0], 1e-4 * before[0], "the mass stays");
                assertEquals(before[1] + w.dx(), after[1], 1e-4, "x of " + i + " by " + w);
                assertEquals(before[2] + w.dy(), after[2], 1e-4, "y of " + i + " by " + w);
                largest = Math.max(largest, Math.abs(w.dx()));
            }
        }
        assertTrue(largest > 1.5, "the shifts should span the range, largest " + largest);
    }

    @Test
    void aRotationTurnsTheCentreOfMassAboutTheImageCentre() {
        Dataset data = blobs(40);
        Augmenter a = augmenter("rotate(30)");
        double c = (SIZE - 1) / 2.0;
        a.startEpoch(3);
        for (int i = 0; i < data.count(); i++) {
            double[] before = moments(stored(data, i)), after = moments(load(a, data, i));
            double t = a.warp(i).radians();
            assertTrue(Math.abs(t) <= Math.toRadians(30));
            // Bilinear resampling of a rotated image keeps the mass and the centroid only approximately.
            assertEquals(before[0], after[0], 0.03 * before[0]);
            double u = before[1] - c, v = before[2] - c;
            assertEquals(c + Math.cos(t) * u - Math.sin(t) * v, after[1], 0.1, "x of " + i);
            assertEquals(c + Math.sin(t) * u + Math.cos(t) * v, after[2], 0.1, "y of " + i);
        }
    }

    @Test
    void scalingMultipliesTheMassByTheSquareOfTheFactor() {
        // A smooth blob (a Gaussian of 3 pixels), which bilinear sampling follows within 1.5 % at these scales.
        byte[] pixels = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++)
            for (int x = 0; x < SIZE; x++)
                pixels[y * SIZE + x] = (byte) Math.round(255 * Math.exp(-((x - 9.5) * (x - 9.5) + (y - 9) * (y - 9)) / 18.0));
        Dataset data = new Dataset("gaussian", 1, SIZE, SIZE, 2, pixels, new byte[1]);
        Augmenter a = augmenter("scale(0.8,1.25)");
        double mass = moments(stored(data, 0))[0], smallest = 2, largest = 0;
        for (int epoch = 0; epoch < 20; epoch++) {
            a.startEpoch(epoch);
            double s = a.warp(0).scale();
            assertTrue(s >= 0.8 && s <= 1.25);
            assertEquals(mass * s * s, moments(load(a, data, 0))[0], 0.02 * mass * s * s, "scale " + s);
            smallest = Math.min(smallest, s);
            largest = Math.max(largest, s);
        }
        assertTrue(smallest < 0.9 && largest > 1.15, "scales drawn from " + smallest + " to " + largest);
    }

    @Test
    void aFlipHappensToAboutHalfTheImagesAndMirrorsThem() {
        Dataset data = blobs(200);
        Augmenter a = augmenter("flip");
        a.startEpoch(5);
        int flipped = 0;
        for (int i = 0; i < data.count(); i++) {
            float[] out = load(a, data, i), in = stored(data, i);
            if (a.warp(i).flip()) {
                flipped++;
                for (int y = 0; y < SIZE; y++)
                    for (int x = 0; x < SIZE; x++) assertEquals(in[y * SIZE + SIZE - 1 - x], out[y * SIZE + x]);
            } else {
                assertArrayEquals(in, out);
            }
        }
        assertTrue(flipped > 70 && flipped < 130, flipped + " of 200 flipped");
    }

    /** {@code images} all-white images, where an erased pixel is the only 0. */
    private static Dataset white(int images) {
        byte[] pixels = new byte[images * SIZE * SIZE];
        java.util.Arrays.fill(pixels, (byte) 255);
        return new Dataset("white", 1, SIZE, SIZE, 2, pixels, new byte[images]);
    }

    @Test
    void erasingBlanksOneRectangleOfTheDrawnSize() {
        Dataset data = white(50);
        Augmenter always = augmenter("erase(1)");
        always.startEpoch(6);
        for (int i = 0; i < data.count(); i++) {
            float[] out = load(always, data, i);
            int zeros = 0, minX = SIZE, maxX = -1, minY = SIZE, maxY = -1;
            for (int p = 0; p < out.length; p++)
                if (out[p] == 0) {
                    zeros++;
                    minX = Math.min(minX, p % SIZE);
                    maxX = Math.max(maxX, p % SIZE);
                    minY = Math.min(minY, p / SIZE);
                    maxY = Math.max(maxY, p / SIZE);
                } else {
                    assertEquals(1f, out[p]);
                }
            assertEquals((maxX - minX + 1) * (maxY - minY + 1), zeros, "the blanks form one rectangle");
            // 2 % to 33 % of 400 pixels, give or take the rounding of each side.
            assertTrue(zeros >= 4 && zeros <= 160, zeros + " pixels erased");
        }
    }

    @Test
    void erasingHitsAboutAFractionPOfTheImagesAndLeavesTheOthersAsStored() {
        Dataset data = white(400);
        Augmenter a = augmenter("erase(0.3)");
        for (int epoch = 0; epoch < 2; epoch++) {
            a.startEpoch(40 + epoch);
            int erased = 0;
            for (int i = 0; i < data.count(); i++) {
                float[] out = load(a, data, i);
                boolean any = false;
                for (float v : out) any |= v == 0;
                if (any) erased++;
                else assertArrayEquals(stored(data, i), out);
            }
            // 120 expected, standard deviation 9.2: 4 of them either way.
            assertTrue(erased > 83 && erased < 157, erased + " of 400 erased at p = 0.3");
        }
    }

    @Test
    void elasticDistortionMovesPixelsAndKeepsMostOfTheMass() {
        Dataset data = blobs(20);
        Augmenter a = augmenter("elastic(8,3)");
        a.startEpoch(7);
        for (int i = 0; i < data.count(); i++) {
            float[] in = stored(data, i), out = load(a, data, i);
            assertFalse(java.util.Arrays.equals(in, out));
            assertEquals(moments(in)[0], moments(out)[0], 0.5 * moments(in)[0]);
        }
    }

    @Test
    void drawsDependOnTheEpochAndTheImageNotOnTheCallOrderOrLane() {
        Dataset data = blobs(30);
        Augmentation all = Augmentation.parse("shift(2) rotate(10) scale(0.9,1.1) elastic(5,3) flip erase(0.5)");
        Augmenter a = all.augmenter(Registry.TAPS.simd(), 3, SIZE, SIZE), b = all.augmenter(Registry.TAPS.simd(), 3, SIZE, SIZE);
        a.startEpoch(11);
        b.startEpoch(11);
        float[][] forward = new float[30][];
        for (int i = 0; i < 30; i++) {
            forward[i] = new float[SIZE * SIZE];
            a.load(i % 3, data, i, forward[i], 0);
        }
        for (int i = 29; i >= 0; i--) {
            float[] out = new float[SIZE * SIZE];
            b.load(2 - i % 3, data, i, out, 0);
            assertArrayEquals(forward[i], out, "image " + i);
        }
        b.startEpoch(12);
        int differ = 0;
        for (int i = 0; i < 30; i++) {
            float[] out = new float[SIZE * SIZE];
            b.load(0, data, i, out, 0);
            if (!java.util.Arrays.equals(forward[i], out)) differ++;
        }
        assertEquals(30, differ, "every image differs in another epoch");
        assertNotEquals(a.warp(0), b.warp(0));
    }
}
