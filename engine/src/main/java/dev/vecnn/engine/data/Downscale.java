package dev.vecnn.engine.data;

/** {@code --downscale}: every image shrunk to a smaller square by area averaging; pixels stay bytes. */
public final class Downscale {
    private Downscale() {}

    /**
     * The data as a network of input height x width takes it: shrunk as {@code --downscale} did
     * when the network takes smaller squares than the data holds, otherwise unchanged (a mismatch
     * is then reported by whoever runs the network).
     */
    public static Dataset toInput(Dataset data, int height, int width) {
        boolean shrinks = height == width && height < Math.min(data.height(), data.width());
        return shrinks ? toSquare(data, height) : data;
    }

    public static Dataset toSquare(Dataset data, int side) {
        if (side < 1 || side > Math.min(data.height(), data.width()))
            throw new IllegalArgumentException("cannot downscale " + data.height() + "x" + data.width()
                    + " images to " + side + "x" + side + ": the side must lie in 1.." + Math.min(data.height(), data.width()));
        if (side == data.height() && side == data.width()) return data;
        int planeIn = data.height() * data.width();
        int planeOut = side * side;
        int planes = data.count() * data.channels();
        byte[] src = data.pixels();
        byte[] dst = new byte[planes * planeOut];
        float[] plane = new float[planeIn];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < planeIn; i++) plane[i] = src[p * planeIn + i] & 0xFF;
            float[] small = AreaResize.resize(plane, data.height(), data.width(), side, side);
            for (int i = 0; i < planeOut; i++) dst[p * planeOut + i] = (byte) Math.min(255, Math.round(small[i]));
        }
        return new Dataset(data.name() + "@" + side + "x" + side, data.channels(), side, side, data.classes(), dst,
                data.labels());
    }
}
