package dev.vecnn.cli.plot;

import dev.vecnn.engine.train.EpochMetrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Training curves per epoch in three panels: loss and accuracy, training beside validation (left
 * out without validation), and the learning rate of the epoch's last step (and first).
 */
final class TrainingCurves {
    static final int PANEL_WIDTH = 500, HEIGHT = 400;

    private TrainingCurves() {}

    static BufferedImage render(List<EpochMetrics> epochs) {
        if (epochs.isEmpty()) throw new IllegalArgumentException("no epochs to plot");
        int last = epochs.get(epochs.size() - 1).epoch();
        boolean validation = epochs.stream().anyMatch(EpochMetrics::hasValidation);
        BufferedImage image = Png.canvas(3 * PANEL_WIDTH, HEIGHT);
        Graphics2D g = Png.graphics(image, 12);
        JFreeChart loss = panel("loss", "loss", last, epochs, validation, EpochMetrics::trainLoss, EpochMetrics::valLoss);
        JFreeChart accuracy = panel("accuracy", "accuracy (%)", last, epochs, validation, e -> 100 * e.trainAccuracy(),
                e -> 100 * e.valAccuracy());
        ((NumberAxis) accuracy.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        JFreeChart lr = rates(last, epochs);
        Charts.draw(loss, g, 0, 0, PANEL_WIDTH, HEIGHT);
        Charts.draw(accuracy, g, PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
        Charts.draw(lr, g, 2 * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
        g.dispose();
        return image;
    }

    /** The rate of each epoch's last step, and of its first where metrics.csv has it (a warm-up's ramp shows there). */
    private static JFreeChart rates(int last, List<EpochMetrics> epochs) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("last step", epochs, EpochMetrics::lr));
        if (epochs.stream().anyMatch(e -> Double.isFinite(e.firstLr())))
            data.addSeries(series("first step", epochs, EpochMetrics::firstLr));
        NumberAxis y = new NumberAxis("learning rate");
        y.setNumberFormatOverride(new DecimalFormat("0.0##E0"));
        XYPlot plot = new XYPlot(data, Charts.epochAxis(last), y, Charts.lines(2));
        JFreeChart chart = Charts.styled(new JFreeChart("learning rate", Charts.TITLE, plot, true));
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.getLegend().setFrame(BlockBorder.NONE);
        return chart;
    }

    private static JFreeChart panel(String title, String yLabel, int last, List<EpochMetrics> epochs, boolean validation,
                                    ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> val) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("training", epochs, train));
        if (validation) data.addSeries(series("validation", epochs, val));
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, Charts.epochAxis(last), y, Charts.lines(0));
        JFreeChart chart = Charts.styled(new JFreeChart(title, Charts.TITLE, plot, true));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        return chart;
    }

    /** NaN values (no validation in that epoch) are gaps. */
    private static XYSeries series(String name, List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> value) {
        XYSeries series = new XYSeries(name);
        for (EpochMetrics e : epochs) {
            double v = value.applyAsDouble(e);
            series.add(e.epoch(), Double.isFinite(v) ? v : null);
        }
        return series;
    }
}
