package dev.vecnn.cli.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One panel of lines over a shared x axis, with "nice" ticks (1, 2 or 5 times a power of ten), a
 * light grid and a legend. NaN values are gaps; a series without any value (no validation) is left out.
 */
final class LineChart {
    record Series(String name, double[] y) {}

    static final int LEFT = 64, RIGHT = 16, TOP = 34, BOTTOM = 46;

    private final String title, xLabel;
    private final double[] x;
    private final List<Series> series = new ArrayList<>();

    LineChart(String title, String xLabel, double[] x) {
        this.title = title;
        this.xLabel = xLabel;
        this.x = x;
    }

    LineChart add(String name, double[] y) {
        if (y.length != x.length) throw new IllegalArgumentException(name + ": " + y.length + " values for " + x.length + " x positions");
        series.add(new Series(name, y));
        return this;
    }

    /** Draws into the box (left, top, width, height) of g. */
    void draw(Graphics2D g, int left, int top, int width, int height) {
        double[] xr = range(List.of(x));
        double[] yr = range(series.stream().map(Series::y).toList());
        int px = left + LEFT, py = top + TOP, pw = width - LEFT - RIGHT, ph = height - TOP - BOTTOM;
        Axis xAxis = new Axis(xr[0], xr[1], px, px + pw);
        Axis yAxis = new Axis(yr[0], yr[1], py + ph, py);

        g.setColor(Png.INK);
        Png.centred(g, title, left + width / 2.0, top + 20);
        Png.centred(g, xLabel, px + pw / 2.0, top + height - 8);
        for (double t : ticks(xr[0], xr[1], Arrays.stream(x).allMatch(v -> v == Math.rint(v)))) {
            double sx = xAxis.map(t);
            g.setColor(Png.GRID);
            g.drawLine((int) sx, py, (int) sx, py + ph);
            g.setColor(Png.INK);
            Png.centred(g, label(t), sx, py + ph + 18);
        }
        for (double t : ticks(yr[0], yr[1], false)) {
            double sy = yAxis.map(t);
            g.setColor(Png.GRID);
            g.drawLine(px, (int) sy, px + pw, (int) sy);
            g.setColor(Png.INK);
            String text = label(t);
            g.drawString(text, px - 6 - g.getFontMetrics().stringWidth(text), (float) sy + 5);
        }
        g.setColor(Png.INK);
        g.drawRect(px, py, pw, ph);

        // The legend goes in a right-hand corner the curves leave free: curves that end high (accuracy)
        // get it at the bottom, curves that end low (loss) at the top.
        boolean legendBelow = endsHigh(yr);
        int shown = (int) series.stream().filter(se -> Arrays.stream(se.y()).anyMatch(Double::isFinite)).count();
        int legendTop = legendBelow ? py + ph - 8 - 18 * shown : py;
        int legendRow = 0;
        for (int s = 0; s < series.size(); s++) {
            double[] y = series.get(s).y();
            if (Arrays.stream(y).noneMatch(Double::isFinite)) continue;
            g.setColor(Png.SERIES[s % Png.SERIES.length]);
            g.setStroke(new BasicStroke(2f));
            Path2D.Double line = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(y[i])) {
                    pen = false;
                    continue;
                }
                double sx = xAxis.map(x[i]), sy = yAxis.map(y[i]);
                if (pen) line.lineTo(sx, sy);
                else line.moveTo(sx, sy);
                pen = true;
                g.fill(new Ellipse2D.Double(sx - 3, sy - 3, 6, 6));
            }
            g.draw(line);
            int ly = legendTop + 18 + 18 * legendRow++;
            g.fillRect(px + pw - 120, ly - 8, 14, 4);
            g.setColor(Png.INK);
            g.drawString(series.get(s).name(), px + pw - 100, ly);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Whether the series' last values lie, on average, in the upper half of the y range. */
    private boolean endsHigh(double[] yr) {
        double sum = 0;
        int n = 0;
        for (Series s : series)
            for (int i = s.y().length - 1; i >= 0; i--)
                if (Double.isFinite(s.y()[i])) {
                    sum += s.y()[i];
                    n++;
                    break;
                }
        return n > 0 && sum / n > (yr[0] + yr[1]) / 2;
    }

    private record Axis(double lo, double hi, double from, double to) {
        double map(double v) { return from + (v - lo) / (hi - lo) * (to - from); }
    }

    /** The finite extent of the values, widened by 5 % (or to a unit span if they are all equal). */
    static double[] range(List<double[]> values) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] v : values)
            for (double d : v)
                if (Double.isFinite(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
        if (lo > hi) return new double[] {0, 1};
        if (lo == hi) return new double[] {lo - 0.5, hi + 0.5};
        double pad = (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    /**
     * Round tick positions inside [lo, hi]: steps of 1, 2 or 5 times a power of ten, about five of
     * them (Heckbert's "nice numbers"). A tick below 1 is computed as an integer over a power of ten,
     * so 0.6 comes out as 0.6 and not 0.6000000000000001. An integer axis (epochs) never gets a
     * step below 1.
     */
    static List<Double> ticks(double lo, double hi, boolean integers) {
        double raw = (hi - lo) / 5;
        int exponent = (int) Math.floor(Math.log10(raw));
        double fraction = raw / Math.pow(10, exponent);
        int multiple = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        if (integers && exponent < 0) {
            exponent = 0;
            multiple = 1;
        }
        double step = multiple * Math.pow(10, exponent);
        List<Double> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
            ticks.add(exponent < 0 ? k * multiple / Math.pow(10, -exponent) : k * step);
        return ticks;
    }

    private static String label(double v) {
        if (Math.abs(v) < 1e-12) return "0";
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
        return String.format("%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
