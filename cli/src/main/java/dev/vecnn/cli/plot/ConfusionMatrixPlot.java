package dev.vecnn.cli.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a heat map: row = true class, column = predicted class, each cell shaded
 * by its share of its row (so small classes read as clearly as large ones) and labelled with its
 * count. Counts are written while the cells are large enough to hold them (up to 20 classes).
 */
final class ConfusionMatrixPlot {
    static final Color EMPTY = Color.WHITE, FULL = new Color(0x08, 0x30, 0x6B);
    static final int MAX_LABELLED = 20;

    private ConfusionMatrixPlot() {}

    static BufferedImage render(int[][] confusion, List<String> classNames, String subtitle) {
        int k = confusion.length;
        if (k == 0 || classNames.size() != k)
            throw new IllegalArgumentException(k + "x" + k + " confusion matrix with " + classNames.size() + " class names");
        long total = 0, correct = 0;
        double[] xs = new double[k * k], ys = new double[k * k], shares = new double[k * k];
        for (int t = 0; t < k; t++) {
            if (confusion[t].length != k) throw new IllegalArgumentException("confusion matrix row " + t + " is not " + k + " long");
            long row = 0;
            for (int p = 0; p < k; p++) row += confusion[t][p];
            total += row;
            correct += confusion[t][t];
            for (int p = 0; p < k; p++) {
                xs[t * k + p] = p;
                ys[t * k + p] = t;
                shares[t * k + p] = row == 0 ? 0 : (double) confusion[t][p] / row;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of the true class", new double[][] {xs, ys, shares});
        String[] names = classNames.toArray(String[]::new);
        SymbolAxis predicted = axis("predicted class", names);
        boolean longNames = classNames.stream().anyMatch(n -> n.length() > 3);
        predicted.setVerticalTickLabels(longNames);
        SymbolAxis actual = axis("true class", names);
        actual.setInverted(true);
        XYBlockRenderer cells = new XYBlockRenderer();
        cells.setPaintScale(new Shade());
        XYPlot plot = new XYPlot(data, predicted, actual, cells);
        String title = String.format(Locale.ROOT, "confusion matrix: %.2f %% of %,d right", total == 0 ? 0 : 100.0 * correct / total,
                total);
        JFreeChart chart = Charts.styled(new JFreeChart(title, Charts.TITLE, plot, false));
        chart.addSubtitle(new TextTitle(subtitle, Charts.LABEL));
        // After the shared look, which would give the counts its own font and colour.
        if (k <= MAX_LABELLED) {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, k <= 12 ? 12 : 10);
            for (int t = 0; t < k; t++)
                for (int p = 0; p < k; p++) {
                    if (confusion[t][p] == 0) continue;
                    XYTextAnnotation count = new XYTextAnnotation(Integer.toString(confusion[t][p]), p, t);
                    count.setFont(font);
                    count.setPaint(shares[t * k + p] > 0.45 ? Color.WHITE : Png.INK);
                    plot.addAnnotation(count);
                }
        }
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        NumberAxis scaleAxis = new NumberAxis("share of the row");
        scaleAxis.setRange(0, 1);
        scaleAxis.setTickUnit(new NumberTickUnit(0.25));
        scaleAxis.setTickLabelFont(Charts.TICK);
        scaleAxis.setLabelFont(Charts.TICK);
        PaintScaleLegend legend = new PaintScaleLegend(new Shade(), scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(40, 12, 60, 0));
        legend.setStripWidth(12);
        legend.setSubdivisionCount(64);
        legend.setFrame(BlockBorder.NONE);
        chart.addSubtitle(legend);
        int cell = k <= 12 ? 48 : Math.max(8, 560 / k);
        int labels = longNames ? 110 : 50;
        return Charts.image(chart, labels + k * cell + 150, labels + k * cell + 120);
    }

    private static SymbolAxis axis(String label, String[] names) {
        SymbolAxis axis = new SymbolAxis(label, names);
        axis.setGridBandsVisible(false);
        axis.setRange(-0.5, names.length - 0.5);
        axis.setTickLabelFont(names.length <= 12 ? Charts.LABEL : Charts.TICK);
        return axis;
    }

    /** White for 0, deep blue for a whole row; the square root makes rare confusions visible. */
    static Color shade(double share) {
        double t = Math.sqrt(Math.max(0, Math.min(1, share)));
        return new Color(mix(EMPTY.getRed(), FULL.getRed(), t), mix(EMPTY.getGreen(), FULL.getGreen(), t),
                mix(EMPTY.getBlue(), FULL.getBlue(), t));
    }

    private static int mix(int a, int b, double t) { return (int) Math.round(a + (b - a) * t); }

    private static final class Shade implements PaintScale {
        @Override
        public double getLowerBound() { return 0; }

        @Override
        public double getUpperBound() { return 1; }

        @Override
        public Paint getPaint(double value) { return shade(value); }
    }
}
