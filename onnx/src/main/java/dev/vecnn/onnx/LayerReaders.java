package dev.vecnn.onnx;

import dev.vecnn.engine.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * The ONNX operators that become vecnn layers, each checked against what the layer computes:
 * Conv, MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool, Gemm, MatMul (with an Add bias),
 * Flatten, Reshape (as a flatten), Relu, LeakyRelu, PRelu, Sigmoid, Tanh, Softmax,
 * BatchNormalization, Dropout, Identity, and Pad by nothing (PyTorch writes one before each
 * average pooling). Anything else is refused with the node named.
 */
final class LayerReaders {
    static final String SUPPORTED = "Conv, MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool, Gemm, MatMul + Add,"
            + " Flatten, Reshape (flattening), Relu, LeakyRelu, PRelu, Sigmoid, Tanh, Softmax, BatchNormalization,"
            + " Dropout, Identity, Pad (of zero)";

    private LayerReaders() {}

    /** Adds the layers of node {@code n}, which reads activation {@code x}, to {@code chain}; returns the activation it makes. */
    static Activation read(NodeView n, Activation x, List<Constant> in, LayerChain chain, long opset) {
        if (!n.op.equals("Add") && !n.input(0).equals(x.name()))
            throw n.error("it reads the layers' output '" + x.name() + "' as input " + (n.inputs().indexOf(x.name()) + 1)
                    + ", where vecnn expects the data input first");
        return switch (n.op) {
            case "Conv" -> conv(n, x, in, chain);
            case "MaxPool", "AveragePool" -> pool(n, x, chain);
            case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(n, x, chain);
            case "Gemm" -> gemm(n, x, in, chain);
            case "MatMul" -> matMul(n, x, in, chain);
            case "Add" -> bias(n, x, in, chain);
            case "Flatten" -> flatten(n, x, chain);
            case "Reshape" -> reshape(n, x, in, chain);
            case "Relu", "Sigmoid", "Tanh" -> {
                n.allowOnly();
                chain.add(n.op.toLowerCase(java.util.Locale.ROOT), List.of(), List.of());
                yield x;
            }
            case "LeakyRelu" -> leakyRelu(n, x, chain);
            case "PRelu" -> prelu(n, x, in, chain);
            case "Softmax" -> softmax(n, x, chain, opset);
            case "BatchNormalization" -> batchNorm(n, x, in, chain, opset);
            case "Dropout" -> dropout(n, x, in, chain, opset);
            case "Identity" -> {
                n.allowOnly();
                yield x;
            }
            case "Pad" -> zeroPad(n, x, in, opset);
            default -> throw n.error("operator " + n.op + " is not supported (vecnn reads " + SUPPORTED + ")");
        };
    }

    private static Activation conv(NodeView n, Activation x, List<Constant> in, LayerChain chain) {
        n.allowOnly("kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        needImage(n, x);
        Constant w = constantInput(n, in, 1, "weights");
        if (w.rank() != 4 || !w.isFloat()) throw n.error("weights of shape " + w.describeDims() + " are not O x C x kH x kW floats");
        long[] d = w.dims();
        if (n.integer("group", 1) != 1) throw n.error("group " + n.integer("group", 1) + " is not supported: vecnn convolutions are dense (group 1)");
        if (d[1] != x.shape().channels())
            throw n.error("weights for " + d[1] + " input channels, but its input has " + x.shape().channels());
        if (d[2] != d[3]) throw n.error("kernel " + d[2] + "x" + d[3] + " is not square; vecnn convolutions are");
        int k = (int) d[2];
        long[] kernel = n.ints("kernel_shape", new long[] {k, k});
        if (kernel.length != 2 || kernel[0] != k || kernel[1] != k)
            throw n.error("kernel_shape " + Arrays.toString(kernel) + " does not match its " + k + "x" + k + " weights");
        requireOnes(n, "dilations", n.ints("dilations", new long[] {1, 1}), "vecnn convolutions have dilation 1");
        int stride = square(n, "strides", n.ints("strides", new long[] {1, 1}));
        int pad = padding(n, x, k, stride);
        int filters = (int) d[0];
        float[] bias = new float[filters];
        Constant b = optionalConstant(n, in, 2, "bias");
        if (b != null) {
            if (!b.isFloat() || b.size() != filters) throw n.error("bias of shape " + b.describeDims() + " is not one float per filter");
            bias = b.floats();
        }
        chain.add("conv(" + filters + "," + k + (stride != 1 ? ",stride=" + stride : "") + (pad != 0 ? ",pad=" + pad : "") + ")",
                List.of(w.floats(), bias), List.of());
        return x.to(x.name(), windowed(n, x.shape(), filters, k, stride, pad), true);
    }

    private static Activation pool(NodeView n, Activation x, LayerChain chain) {
        boolean max = n.op.equals("MaxPool");
        if (max) n.allowOnly("kernel_shape", "strides", "pads", "dilations", "ceil_mode", "storage_order", "auto_pad");
        else n.allowOnly("kernel_shape", "strides", "pads", "ceil_mode", "count_include_pad", "auto_pad", "dilations");
        needImage(n, x);
        long[] kernel = n.ints("kernel_shape", null);
        if (kernel == null) throw n.error("attribute 'kernel_shape' is missing");
        int k = square(n, "kernel_shape", kernel);
        requireOnes(n, "dilations", n.ints("dilations", new long[] {1, 1}), "vecnn pools have dilation 1");
        int stride = square(n, "strides", n.ints("strides", new long[] {1, 1}));
        int pad = padding(n, x, k, stride);
        if (pad > k / 2) throw n.error("padding " + pad + " exceeds half the " + k + "x" + k + " window, vecnn's limit");
        if (!max && pad > 0 && n.integer("count_include_pad", 0) == 0)
            throw n.error("count_include_pad=0 with padding is not supported: vecnn's average pooling counts padding as zero");
        if (n.integer("ceil_mode", 0) != 0) {
            Shape s = x.shape();
            if ((s.height() + 2L * pad - k) % stride != 0 || (s.width() + 2L * pad - k) % stride != 0)
                throw n.error("ceil_mode=1 gives a larger output here; vecnn pools round the output size down");
        }
        chain.add((max ? "maxpool(" : "avgpool(") + k + (stride != k ? ",stride=" + stride : "") + (pad != 0 ? ",pad=" + pad : "") + ")",
                List.of(), List.of());
        return x.to(x.name(), windowed(n, x.shape(), x.shape().channels(), k, stride, pad), true);
    }

    private static Activation globalPool(NodeView n, Activation x, LayerChain chain) {
        n.allowOnly();
        needImage(n, x);
        Shape s = x.shape();
        if (s.height() != s.width())
            throw n.error("its " + s.height() + "x" + s.width() + " input is not square; vecnn pools square windows");
        chain.add((n.op.equals("GlobalMaxPool") ? "maxpool(" : "avgpool(") + s.height() + ")", List.of(), List.of());
        return x.to(x.name(), new Shape(s.channels(), 1, 1), true);
    }

    private static Activation gemm(NodeView n, Activation x, List<Constant> in, LayerChain chain) {
        n.allowOnly("alpha", "beta", "transA", "transB");
        needFlat(n, x);
        if (n.integer("transA", 0) != 0) throw n.error("transA=1 is not supported: the activation is N x features");
        Constant b = constantInput(n, in, 1, "weights");
        boolean transposed = n.integer("transB", 0) != 0;
        float[] weight = denseWeight(n, x, b, transposed);
        int units = weight.length / x.shape().size();
        float alpha = n.real("alpha", 1f), beta = n.real("beta", 1f);
        if (alpha != 1f) for (int i = 0; i < weight.length; i++) weight[i] *= alpha;
        float[] bias = new float[units];
        Constant c = optionalConstant(n, in, 2, "bias");
        if (c != null) {
            bias = biasValues(n, c, units);
            if (beta != 1f) for (int i = 0; i < units; i++) bias[i] *= beta;
        }
        chain.add("dense(" + units + ")", List.of(weight, bias), List.of());
        return x.to(x.name(), Shape.flat(units), false);
    }

    private static Activation matMul(NodeView n, Activation x, List<Constant> in, LayerChain chain) {
        n.allowOnly();
        needFlat(n, x);
        float[] weight = denseWeight(n, x, constantInput(n, in, 1, "weights"), false);
        int units = weight.length / x.shape().size();
        chain.addMatMul("dense(" + units + ")", weight, new float[units]);
        return x.to(x.name(), Shape.flat(units), false);
    }

    /** Add(activation, constant): the bias of the MatMul right before it. */
    private static Activation bias(NodeView n, Activation x, List<Constant> in, LayerChain chain) {
        n.allowOnly();
        float[] open = chain.openBias();
        if (in.size() != 2 || (in.get(0) == null) == (in.get(1) == null))
            throw n.error("it adds two activations; vecnn networks are one chain of layers");
        Constant c = in.get(0) != null ? in.get(0) : in.get(1);
        if (open == null)
            throw n.error("adding a constant is supported only as the bias of a MatMul right before it");
        float[] values = biasValues(n, c, open.length);
        System.arraycopy(values, 0, open, 0, open.length);
        chain.closeBias();
        return x;
    }

    private static Activation flatten(NodeView n, Activation x, LayerChain chain) {
        n.allowOnly("axis");
        long axis = n.integer("axis", 1);
        int rank = x.image() ? 4 : 2;
        if (axis != 1 && axis != 1 - rank)
            throw n.error("axis " + axis + " is not supported: vecnn flattens each sample (axis 1)");
        if (!x.image()) return x;
        chain.add("flatten", List.of(), List.of());
        return x.to(x.name(), Shape.flat(x.shape().size()), false);
    }

    private static Activation reshape(NodeView n, Activation x, List<Constant> in, LayerChain chain) {
        n.allowOnly("allowzero");
        long[] shape = ConstantFolding.integers(n, constantInput(n, in, 1, "shape"), "shape");
        long[] from = x.dims();
        long[] to = Reshapes.target(n, from, shape, n.integer("allowzero", 0) != 0);
        if (Arrays.equals(from, to)) return x;
        if (to.length == 2 && to[0] == x.batch() && to[1] == x.shape().size()) {
            if (x.image()) chain.add("flatten", List.of(), List.of());
            return x.to(x.name(), Shape.flat(x.shape().size()), false);
        }
        throw n.error("reshaping " + ConstantFolding.show(from) + " to " + ConstantFolding.show(to)
                + " is not supported: vecnn reads a Reshape only as a flatten");
    }

    private static Activation leakyRelu(NodeView n, Activation x, LayerChain chain) {
        n.allowOnly("alpha");
        float alpha = n.real("alpha", 0.01f);
        if (!(alpha >= 0f && alpha < 1f)) throw n.error("alpha " + alpha + " is outside vecnn's slopes [0, 1)");
        chain.add(alpha == 0.01f ? "leakyrelu" : "leakyrelu(slope=" + LayerChain.number(alpha) + ")", List.of(), List.of());
        return x;
    }

    /** One slope per channel (or feature), or one for all, which vecnn repeats per channel. */
    private static Activation prelu(NodeView n, Activation x, List<Constant> in, LayerChain chain) {
        n.allowOnly();
        Constant slope = constantInput(n, in, 1, "slope");
        int rank = x.image() ? 4 : 2, channels = x.shape().channels();
        if (!slope.isFloat() || slope.rank() > rank) throw n.error("slope of shape " + slope.describeDims() + " does not fit its input");
        long[] d = new long[rank];
        Arrays.fill(d, 1);
        System.arraycopy(slope.dims(), 0, d, rank - slope.rank(), slope.rank());
        boolean perChannel = d[1] == channels;
        for (int i = 0; i < rank; i++) if (i != 1 && d[i] != 1) perChannel = false;
        float[] values;
        if (slope.size() == 1) {
            values = new float[channels];
            Arrays.fill(values, slope.floats()[0]);
        } else if (perChannel) {
            values = slope.floats();
        } else {
            throw n.error("slope of shape " + slope.describeDims() + " is not one per channel of its " + x.describe());
        }
        chain.add("prelu", List.of(values), List.of());
        return x;
    }

    private static Activation softmax(NodeView n, Activation x, LayerChain chain, long opset) {
        n.allowOnly("axis");
        int rank = x.image() ? 4 : 2;
        long axis = n.integer("axis", opset >= 13 ? -1 : 1);
        if (axis < 0) axis += rank;
        if (!x.shape().isFlat() || axis != 1)
            throw n.error("softmax over axis " + n.integer("axis", opset >= 13 ? -1 : 1) + " of a " + x.describe()
                    + " is not supported: vecnn's softmax runs over a flat layer's features");
        chain.add("softmax", List.of(), List.of());
        return x.to(x.name(), x.shape(), x.image());
    }

    private static Activation batchNorm(NodeView n, Activation x, List<Constant> in, LayerChain chain, long opset) {
        n.allowOnly("epsilon", "momentum", "spatial", "training_mode", "is_test", "consumed_inputs");
        if (n.integer("spatial", 1) != 1) throw n.error("spatial=0 is not supported: vecnn normalises per channel");
        if (n.integer("training_mode", 0) != 0) throw n.error("training_mode=1 is not supported: vecnn reads the inference form");
        int channels = x.shape().channels();
        String[] names = {"scale", "bias", "mean", "variance"};
        float[][] values = new float[4][];
        for (int i = 0; i < 4; i++) {
            Constant c = constantInput(n, in, i + 1, names[i]);
            if (!c.isFloat() || c.size() != channels)
                throw n.error("its " + names[i] + " of shape " + c.describeDims() + " is not one float per channel of " + channels);
            values[i] = c.floats();
        }
        float eps = n.real("epsilon", 1e-5f);
        float onnxMomentum = n.real("momentum", 0.9f);
        if (!(eps >= 1e-12f && eps <= 1f)) throw n.error("epsilon " + eps + " is outside vecnn's [1e-12, 1]");
        if (!(onnxMomentum >= 0f && onnxMomentum <= 1f)) throw n.error("momentum " + onnxMomentum + " is outside [0, 1]");
        // ONNX keeps momentum of the running value, vecnn (like PyTorch) gives it to the batch; rounded to 6
        // digits, 0.9 reads back as vecnn's 0.1 instead of 0.100000024 (it only steers further training).
        String momentum = new java.math.BigDecimal(1.0 - onnxMomentum).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString();
        String call = "batchnorm" + (momentum.equals("0.1") && eps == 1e-5f ? ""
                : "(momentum=" + momentum + ",eps=" + LayerChain.number(eps) + ")");
        chain.add(call, List.of(values[0], values[1]), List.of(values[2], values[3]));
        return x;
    }

    private static Activation dropout(NodeView n, Activation x, List<Constant> in, LayerChain chain, long opset) {
        n.allowOnly("ratio", "seed", "is_test");
        float ratio = 0.5f;
        if (opset < 12) {
            ratio = n.real("ratio", 0.5f);
        } else {
            Constant r = optionalConstant(n, in, 1, "ratio");
            if (r != null) {
                if (!r.isFloat() || r.size() != 1) throw n.error("its ratio is not one float");
                ratio = r.floats()[0];
            }
            Constant training = optionalConstant(n, in, 2, "training_mode");
            if (training != null && (training.isFloat() ? training.floats()[0] != 0 : training.integers()[0] != 0))
                throw n.error("training_mode=true is not supported: vecnn reads the inference form");
        }
        if (!(ratio >= 0f && ratio < 1f)) throw n.error("ratio " + ratio + " is outside vecnn's [0, 1)");
        chain.add(ratio == 0.5f ? "dropout" : "dropout(p=" + LayerChain.number(ratio) + ")", List.of(), List.of());
        return x;
    }

    /** A Pad that pads nothing, as PyTorch writes before an average pooling without padding. */
    private static Activation zeroPad(NodeView n, Activation x, List<Constant> in, long opset) {
        long[] pads;
        if (opset < 11) {
            n.allowOnly("mode", "pads", "value");
            pads = n.ints("pads", new long[0]);
        } else {
            n.allowOnly("mode");
            pads = ConstantFolding.integers(n, constantInput(n, in, 1, "pads"), "pads");
        }
        for (long p : pads)
            if (p != 0) throw n.error("padding " + Arrays.toString(pads) + " is not supported: vecnn reads only a Pad of zero");
        return x;
    }

    /** A dense layer's weights as vecnn holds them, (units, inputs), from B of x B (transposed: B^T). */
    private static float[] denseWeight(NodeView n, Activation x, Constant b, boolean transposed) {
        if (b.rank() != 2 || !b.isFloat()) throw n.error("weights of shape " + b.describeDims() + " are not a float matrix");
        int inputs = x.shape().size();
        int rows = (int) b.dims()[0], cols = (int) b.dims()[1];
        if ((transposed ? cols : rows) != inputs)
            throw n.error("weights of shape " + b.describeDims() + (transposed ? " (transposed)" : "")
                    + " do not take its " + inputs + " features");
        if (transposed) return b.floats().clone();
        float[] w = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) w[j * rows + i] = b.floats()[i * cols + j];
        return w;
    }

    /** A bias of {@code units} values: [units], [1, units], or one value for all. */
    private static float[] biasValues(NodeView n, Constant c, int units) {
        if (!c.isFloat()) throw n.error("its bias holds integers");
        boolean shaped = c.size() == units && (c.rank() == 1 || c.rank() == 2 && c.dims()[0] == 1);
        if (shaped) return c.floats().clone();
        if (c.size() == 1) {
            float[] filled = new float[units];
            Arrays.fill(filled, c.floats()[0]);
            return filled;
        }
        throw n.error("bias of shape " + c.describeDims() + " is not one value per unit of " + units);
    }

    /** Padding on all four sides from pads or auto_pad; vecnn pads every side alike. */
    private static int padding(NodeView n, Activation x, int k, int stride) {
        String auto = n.string("auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET" -> {
                long[] pads = n.ints("pads", new long[] {0, 0, 0, 0});
                for (long p : pads)
                    if (pads.length != 4 || p != pads[0])
                        throw n.error("pads " + Arrays.toString(pads) + " are not the same on all four sides, as vecnn pads");
                return (int) pads[0];
            }
            case "VALID" -> {
                return 0;
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                if (stride != 1 || k % 2 == 0)
                    throw n.error("auto_pad=" + auto + " with stride " + stride + " and size " + k
                            + " pads unevenly, which vecnn does not");
                return (k - 1) / 2;
            }
            default -> throw n.error("auto_pad=" + auto + " is not supported");
        }
    }

    private static Shape windowed(NodeView n, Shape in, int channels, int k, int stride, int pad) {
        if (in.height() + 2 * pad < k || in.width() + 2 * pad < k)
            throw n.error("window " + k + "x" + k + " is larger than its " + in.height() + "x" + in.width() + " input");
        return new Shape(channels, (in.height() + 2 * pad - k) / stride + 1, (in.width() + 2 * pad - k) / stride + 1);
    }

    private static int square(NodeView n, String name, long[] values) {
        if (values.length != 2 || values[0] != values[1] || values[0] < 1)
            throw n.error(name + " " + Arrays.toString(values) + " are not the same for height and width, as vecnn needs");
        return (int) values[0];
    }

    private static void requireOnes(NodeView n, String name, long[] values, String why) {
        for (long v : values) if (v != 1) throw n.error(name + " " + Arrays.toString(values) + " are not supported: " + why);
    }

    private static void needImage(NodeView n, Activation x) {
        if (!x.image()) throw n.error("its input is " + x.describe() + ", not an N x C x H x W image");
    }

    private static void needFlat(NodeView n, Activation x) {
        if (x.image()) throw n.error("its input is a " + x.describe() + "; flatten it first");
    }

    private static Constant constantInput(NodeView n, List<Constant> in, int i, String what) {
        Constant c = optionalConstant(n, in, i, what);
        if (c == null) throw n.error("its " + what + " (input " + (i + 1) + ") must be a constant or an initializer");
        return c;
    }

    private static Constant optionalConstant(NodeView n, List<Constant> in, int i, String what) {
        if (i >= in.size() || n.input(i).isEmpty()) return null;
        Constant c = in.get(i);
        if (c == null) throw n.error("its " + what + " (input " + (i + 1) + ") is an activation, not a constant");
        return c;
    }
}
