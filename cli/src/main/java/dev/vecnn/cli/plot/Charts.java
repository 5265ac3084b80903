package dev.vecnn.cli.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;

/**
 * The look every JFreeChart figure shares (white plots, a light solid grid, dark text in fixed
 * sizes, one palette) and drawing a chart into an image or into part of one.
 */
final class Charts {
    /** Tableau 10: ten colours told apart easily, for series and for classes. */
    static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
            new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22),
            new Color(0x17BECF)};
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Stroke LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Stroke GRID_LINE = new BasicStroke(1f);
    private static final StandardChartTheme THEME = theme();

    private Charts() {}

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("vecnn");
        theme.setExtraLargeFont(TITLE);
        theme.setLargeFont(LABEL);
        theme.setRegularFont(TICK);
        theme.setSmallFont(TICK);
        theme.setTitlePaint(Png.INK);
        theme.setSubtitlePaint(Png.MUTED);
        theme.setAxisLabelPaint(Png.INK);
        theme.setTickLabelPaint(Png.INK);
        theme.setLegendItemPaint(Png.INK);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(new Color(0xB0B0B0));
        theme.setDomainGridlinePaint(Png.GRID);
        theme.setRangeGridlinePaint(Png.GRID);
        theme.setAxisOffset(RectangleInsets.ZERO_INSETS);
        theme.setShadowVisible(false);
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, new Paint[] {Color.WHITE}, new Paint[] {Png.MUTED},
                new Stroke[] {LINE}, new Stroke[] {new BasicStroke(1f)}, new Shape[] {DOT}));
        return theme;
    }

    /** Applies the shared look; call before any per-chart change, which it would overwrite. */
    static JFreeChart styled(JFreeChart chart) {
        THEME.apply(chart);
        chart.setPadding(new RectangleInsets(6, 8, 6, 12));
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlineStroke(GRID_LINE);
            xy.setRangeGridlineStroke(GRID_LINE);
        }
        return chart;
    }

    /** Lines with a dot at every value, one palette colour per series in order. */
    static XYLineAndShapeRenderer lines(int firstColour) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setDefaultStroke(LINE);
        renderer.setDefaultShape(DOT);
        for (int s = 0; s < PALETTE.length; s++) renderer.setSeriesPaint(s, PALETTE[(firstColour + s) % PALETTE.length]);
        return renderer;
    }

    /** An epoch axis over epochs 1..last, ticks on whole epochs only. */
    static NumberAxis epochAxis(int last) {
        NumberAxis axis = new NumberAxis("epoch");
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(0.5, Math.max(1, last) + 0.5);
        return axis;
    }

    /**
     * An axis for positive values from lo to hi: logarithmic with ticks on whole powers of ten when
     * they span two decades or more (JFreeChart's own log ticks land on 6.3E-3, 1.0E-2, 1.6E-2, ...),
     * linear otherwise.
     */
    static ValueAxis magnitudeAxis(String label, double lo, double hi) {
        if (!(lo > 0 && hi / lo >= 100)) {
            NumberAxis linear = new NumberAxis(label);
            linear.setAutoRangeIncludesZero(false);
            return linear;
        }
        LogAxis axis = new LogAxis(label + " (log)");
        axis.setNumberFormatOverride(new DecimalFormat("0E0"));
        axis.setTickUnit(new NumberTickUnit(1));
        return axis;
    }

    static void draw(JFreeChart chart, Graphics2D g, int left, int top, int width, int height) {
        chart.draw(g, new Rectangle2D.Double(left, top, width, height));
    }

    static BufferedImage image(JFreeChart chart, int width, int height) {
        BufferedImage image = Png.canvas(width, height);
        Graphics2D g = Png.graphics(image, 12);
        draw(chart, g, 0, 0, width, height);
        g.dispose();
        return image;
    }
}
