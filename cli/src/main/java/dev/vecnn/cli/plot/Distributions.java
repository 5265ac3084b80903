package dev.vecnn.cli.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * How each layer's weights and gradients spread and move across epochs: per layer (its first
 * tensor: the weights of conv and dense), a box per epoch for the weights (box: quartiles, line:
 * median, whiskers: 1st and 99th percentile) and one for the magnitudes of its nonzero gradients
 * on a log axis; below, the gradient flow: each layer's gradient norm per epoch (log axis where they
 * span two decades or more). Gradients are
 * those of each epoch's last step; without them (a model read from a file) only the weights are drawn.
 */
final class Distributions {
    static final int PANEL_WIDTH = 540, PANEL_HEIGHT = 210, FLOW_HEIGHT = 300, TITLE = 34;

    private Distributions() {}

    static BufferedImage render(List<TensorStatistics> statistics) {
        Map<String, List<TensorStatistics>> byLayer = firstTensors(statistics);
        if (byLayer.isEmpty()) throw new IllegalArgumentException("no parameter statistics to plot");
        boolean gradients = statistics.stream().anyMatch(s -> s.gradients().known());
        int columns = gradients ? 2 : 1;
        int height = TITLE + byLayer.size() * PANEL_HEIGHT + (gradients ? FLOW_HEIGHT : 0);
        BufferedImage image = Png.canvas(columns * PANEL_WIDTH, height);
        Graphics2D g = Png.graphics(image, 12);
        g.setFont(Charts.TITLE);
        Png.centred(g, gradients ? "weights and gradients per layer and epoch" : "weights per layer (no gradients were kept)",
                image.getWidth() / 2.0, 22);
        int top = TITLE;
        for (Map.Entry<String, List<TensorStatistics>> layer : byLayer.entrySet()) {
            List<TensorStatistics> epochs = layer.getValue();
            String name = epochs.get(0).tensor();
            Charts.draw(boxes(name + ": values", epochs, TensorStatistics::weights, new NumberAxis("weight")), g, 0, top,
                    PANEL_WIDTH, PANEL_HEIGHT);
            if (gradients) {
                ValueAxis axis = Charts.magnitudeAxis("|gradient|", min(epochs, e -> e.gradients().p01()),
                        max(epochs, e -> e.gradients().p99()));
                Charts.draw(boxes(name + ": gradient magnitudes", epochs, TensorStatistics::gradients, axis), g,
                        PANEL_WIDTH, top, PANEL_WIDTH, PANEL_HEIGHT);
            }
            top += PANEL_HEIGHT;
        }
        if (gradients) Charts.draw(flow(byLayer), g, 0, top, columns * PANEL_WIDTH, FLOW_HEIGHT);
        g.dispose();
        return image;
    }

    /** Each layer's first tensor, per epoch, in model order. */
    private static Map<String, List<TensorStatistics>> firstTensors(List<TensorStatistics> statistics) {
        Map<String, String> first = new LinkedHashMap<>();
        for (TensorStatistics s : statistics) first.putIfAbsent(s.layer(), s.tensor());
        Map<String, List<TensorStatistics>> byLayer = new LinkedHashMap<>();
        for (String tensor : first.values()) byLayer.put(tensor, new ArrayList<>());
        for (TensorStatistics s : statistics) if (byLayer.containsKey(s.tensor())) byLayer.get(s.tensor()).add(s);
        return byLayer;
    }

    private static JFreeChart boxes(String title, List<TensorStatistics> epochs, Function<TensorStatistics, Spread> spread,
                                    ValueAxis axis) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (TensorStatistics e : epochs) {
            Spread s = spread.apply(e);
            if (!s.known()) continue;
            // Whiskers at the 1st and 99th percentile; the extremes are not drawn as outliers.
            data.add(new BoxAndWhiskerItem(s.p50(), s.p50(), s.p25(), s.p75(), s.p01(), s.p99(), s.p01(), s.p99(), List.of()),
                    "values", Integer.toString(e.epoch()));
        }
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setMeanVisible(false);
        renderer.setMedianVisible(true);
        renderer.setFillBox(true);
        renderer.setUseOutlinePaintForWhiskers(true);
        renderer.setMaximumBarWidth(0.08);
        renderer.setMinOutlierVisible(false);
        renderer.setMaxOutlierVisible(false);
        renderer.setDefaultToolTipGenerator(null);
        CategoryAxis epochAxis = new CategoryAxis("epoch");
        epochAxis.setCategoryMargin(0.3);
        CategoryPlot plot = new CategoryPlot(data, epochAxis, axis, renderer);
        JFreeChart chart = Charts.styled(new JFreeChart(title, Charts.LABEL.deriveFont(Font.BOLD), plot, false));
        plot.setDomainGridlinesVisible(false);
        // After the shared look, which would paint the boxes from its palette.
        renderer.setSeriesPaint(0, new Color(0x9ECAE1));
        renderer.setSeriesOutlinePaint(0, new Color(0x08519C));
        renderer.setArtifactPaint(new Color(0x08519C));
        return chart;
    }

    private static double min(List<TensorStatistics> rows, ToDoubleFunction<TensorStatistics> value) {
        return rows.stream().mapToDouble(value).filter(v -> v > 0).min().orElse(Double.NaN);
    }

    private static double max(List<TensorStatistics> rows, ToDoubleFunction<TensorStatistics> value) {
        return rows.stream().mapToDouble(value).filter(v -> v > 0).max().orElse(Double.NaN);
    }

    /** Gradient flow: one line per layer, its gradient's L2 norm per epoch, log axis. */
    private static JFreeChart flow(Map<String, List<TensorStatistics>> byLayer) {
        XYSeriesCollection data = new XYSeriesCollection();
        int last = 1;
        for (Map.Entry<String, List<TensorStatistics>> layer : byLayer.entrySet()) {
            XYSeries series = new XYSeries(layer.getKey());
            for (TensorStatistics e : layer.getValue()) {
                if (e.gradientNorm() > 0) series.add(e.epoch(), e.gradientNorm());
                last = Math.max(last, e.epoch());
            }
            data.addSeries(series);
        }
        List<TensorStatistics> all = byLayer.values().stream().flatMap(List::stream).toList();
        ValueAxis norm = Charts.magnitudeAxis("gradient L2 norm", min(all, TensorStatistics::gradientNorm),
                max(all, TensorStatistics::gradientNorm));
        XYPlot plot = new XYPlot(data, Charts.epochAxis(last), norm, Charts.lines(0));
        JFreeChart chart = Charts.styled(new JFreeChart("gradient flow: each layer's gradient norm at the epoch's last step",
                Charts.LABEL.deriveFont(Font.BOLD), plot, true));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setFrame(BlockBorder.NONE);
        return chart;
    }
}
