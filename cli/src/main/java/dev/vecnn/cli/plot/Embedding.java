package dev.vecnn.cli.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Feature vectors projected on their first two principal components, one colour per true class. */
final class Embedding {
    static final int WIDTH = 820, HEIGHT = 640;

    private Embedding() {}

    /** {@code features} is n x d row-major, {@code labels} the n true classes. */
    static BufferedImage render(float[] features, int n, int d, int[] labels, List<String> classNames, String subtitle) {
        Pca.Result pca = Pca.of(features, n, d, 2);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries[] byClass = new XYSeries[classNames.size()];
        for (int c = 0; c < byClass.length; c++) byClass[c] = new XYSeries(classNames.get(c), false, true);
        for (int i = 0; i < n; i++) byClass[labels[i]].add(pca.project(features, i, 0), pca.project(features, i, 1), false);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setAutoPopulateSeriesPaint(false);
        dots.setAutoPopulateSeriesShape(false);
        dots.setDefaultShape(new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        for (int c = 0; c < byClass.length; c++) {
            if (byClass[c].getItemCount() == 0) continue;
            Color colour = Charts.PALETTE[c % Charts.PALETTE.length];
            dots.setSeriesPaint(data.getSeriesCount(), new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 170));
            data.addSeries(byClass[c]);
        }
        NumberAxis x = new NumberAxis(String.format(Locale.ROOT, "component 1 (%.0f %% of the variance)", 100 * pca.varianceShare()[0]));
        NumberAxis y = new NumberAxis(String.format(Locale.ROOT, "component 2 (%.0f %% of the variance)", 100 * pca.varianceShare()[1]));
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, dots);
        JFreeChart chart = Charts.styled(new JFreeChart("feature space: principal components", Charts.TITLE, plot, true));
        chart.addSubtitle(new TextTitle(subtitle, Charts.LABEL));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setFrame(BlockBorder.NONE);
        return Charts.image(chart, WIDTH, HEIGHT);
    }
}
