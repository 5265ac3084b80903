package dev.vecnn.engine.augment;

import dev.vecnn.engine.CounterRandom;
import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.data.ImageLoader;
import dev.vecnn.kernels.StridedTaps;

/**
 * Loads training images through an {@link Augmentation}. Every random parameter of image i in an
 * epoch is a draw of the stream keyed by (the epoch's key, i), at a fixed counter per parameter:
 * it depends on the seed, the epoch and the image's index in the data set, never on the batch,
 * the chunk or the thread that loads it, so a run stays bit-identical on any number of threads and
 * when resumed. Scratch space (the bordered plane, the elastic fields) is kept per lane and allocated
 * once.
 */
public final class Augmenter implements ImageLoader {
    /** Counters of one image's draws. */
    static final int SHIFT_X = 0, SHIFT_Y = 1, ROTATE = 2, SCALE = 3, FLIP = 4, ERASE = 5, FIELD = 16;

    private final double shift, degrees, minScale, maxScale, erase;
    private final boolean flip;
    private final ElasticField elastic;
    private final int height, width;
    /** [lane]: the x and y fields and the smoothing scratch, null without elastic distortion. */
    private final float[][] fieldX, fieldY;
    /** [lane]: the plane being sampled, as floats inside a border of zeros ({@link Warp#bordered}). */
    private final float[][] bordered;
    private final ElasticField.Workspace[] work;
    private long epochKey;

    Augmenter(Augmentation augmentation, StridedTaps taps, int lanes, int height, int width) {
        Transform.Shift s = augmentation.get(Transform.Shift.class);
        Transform.Rotate r = augmentation.get(Transform.Rotate.class);
        Transform.Scale sc = augmentation.get(Transform.Scale.class);
        Transform.Elastic e = augmentation.get(Transform.Elastic.class);
        Transform.Erase er = augmentation.get(Transform.Erase.class);
        shift = s == null ? 0 : s.pixels();
        degrees = r == null ? 0 : r.degrees();
        minScale = sc == null ? 1 : sc.min();
        maxScale = sc == null ? 1 : sc.max();
        flip = augmentation.get(Transform.Flip.class) != null;
        erase = er == null ? 0 : er.p();
        this.height = height;
        this.width = width;
        elastic = e == null ? null : new ElasticField(e, height, width, taps);
        fieldX = new float[lanes][];
        fieldY = new float[lanes][];
        work = new ElasticField.Workspace[lanes];
        bordered = new float[lanes][];
        for (int k = 0; k < lanes; k++) bordered[k] = Warp.bordered(height, width);
        if (elastic != null)
            for (int k = 0; k < lanes; k++) {
                fieldX[k] = new float[height * width];
                fieldY[k] = new float[height * width];
                work[k] = elastic.workspace();
            }
    }

    /** Draws from now on belong to the epoch of stream {@code key}. Call between steps, never during one. */
    public void startEpoch(long key) { epochKey = key; }

    /** The geometric transformation image {@code index} gets in the current epoch (its elastic field aside). */
    public Warp warp(int index) {
        long key = CounterRandom.key(epochKey, index);
        return new Warp(dx(key), dy(key), radians(key), scale(key), flipped(key));
    }

    @Override
    public void load(int lane, Dataset data, int index, float[] dst, int dstOff) {
        if (data.height() != height || data.width() != width)
            throw new IllegalArgumentException(data.name() + " holds " + data.height() + "x" + data.width()
                    + " images; this augmenter was made for " + height + "x" + width);
        long key = CounterRandom.key(epochKey, index);
        float[] fx = null, fy = null;
        if (elastic != null) {
            fx = fieldX[lane];
            fy = fieldY[lane];
            elastic.fill(key, FIELD, fx, work[lane]);
            elastic.fill(key, FIELD + (long) height * width, fy, work[lane]);
        }
        double dx = dx(key), dy = dy(key), radians = radians(key), scale = scale(key);
        boolean mirrored = flipped(key);
        int plane = height * width;
        for (int c = 0; c < data.channels(); c++)
            Warp.sample(dx, dy, radians, scale, mirrored, data.pixels(), (index * data.channels() + c) * plane, height, width,
                    fx, fy, bordered[lane], dst, dstOff + c * plane);
        if (erase > 0) Erasing.apply(erase, key, ERASE, data.channels(), height, width, dst, dstOff);
    }

    private double uniform(long key, int counter, double min, double max) {
        return min == max ? min : min + (max - min) * CounterRandom.uniform(key, counter);
    }

    private double dx(long key) { return uniform(key, SHIFT_X, -shift, shift); }

    private double dy(long key) { return uniform(key, SHIFT_Y, -shift, shift); }

    private double radians(long key) { return Math.toRadians(uniform(key, ROTATE, -degrees, degrees)); }

    private double scale(long key) { return uniform(key, SCALE, minScale, maxScale); }

    private boolean flipped(long key) { return flip && CounterRandom.uniform(key, FLIP) < 0.5f; }
}
