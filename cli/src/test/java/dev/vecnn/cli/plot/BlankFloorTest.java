package dev.vecnn.cli.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blank check of the figure tests: an image that drew nothing but a light frame is blank; one
 * with a line of text already is not (a few dark pixels on white make a variance in the hundreds),
 * which is why the figure tests also look for the colours of the data.
 */
class BlankFloorTest {
    @Test
    void aFrameAloneIsBlankALineOfTextIsNot() {
        BufferedImage image = Png.canvas(TrainingCurves.PANEL_WIDTH, TrainingCurves.HEIGHT);
        Graphics2D g = Png.graphics(image, 15);
        g.setColor(Png.GRID);
        g.drawRect(40, 30, TrainingCurves.PANEL_WIDTH - 80, TrainingCurves.HEIGHT - 60);
        double frame = PlotTesting.lumaVariance(image);
        assertTrue(frame > 0 && frame < PlotTesting.BLANK_FLOOR, "frame: variance " + frame);
        g.setColor(Png.INK);
        g.setFont(Charts.TITLE);
        Png.centred(g, "loss", TrainingCurves.PANEL_WIDTH / 2.0, 22);
        g.dispose();
        double titled = PlotTesting.lumaVariance(image);
        assertTrue(titled > PlotTesting.BLANK_FLOOR, "title: variance " + titled);
    }

    @Test
    void aChartWithAxesAndLegendButNoDataShowsNone() {
        XYSeriesCollection nothing = new XYSeriesCollection();
        nothing.addSeries(new XYSeries("training"));
        nothing.addSeries(new XYSeries("validation"));
        XYPlot plot = new XYPlot(nothing, Charts.epochAxis(10), new NumberAxis("loss"), Charts.lines(0));
        BufferedImage empty = Charts.image(Charts.styled(new JFreeChart("loss", Charts.TITLE, plot, true)),
                TrainingCurves.PANEL_WIDTH, TrainingCurves.HEIGHT);
        assertThrows(AssertionFailedError.class, () -> PlotTesting.assertShowsData(empty, "an empty chart"));
        nothing.getSeries(0).add(1, 2.0);
        nothing.getSeries(0).add(10, 0.5);
        PlotTesting.assertShowsData(Charts.image(Charts.styled(new JFreeChart("loss", Charts.TITLE, plot, true)),
                TrainingCurves.PANEL_WIDTH, TrainingCurves.HEIGHT), "one line");
    }
}
