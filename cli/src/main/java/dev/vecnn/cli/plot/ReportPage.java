package dev.vecnn.cli.plot;

import dev.vecnn.engine.model.Summary;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (the figures embedded as data: URIs, the style inline,
 * no script, nothing fetched) with the run's settings, the network's summary, the metrics and
 * every figure. While the run trains it reloads itself; the final page does not. Written as
 * well-formed XHTML-compatible HTML, so any XML parser can read it too.
 */
final class ReportPage {
    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 0 auto;
                   max-width: 1540px; padding: 16px 28px; background: #fff; }
            h1 { font-size: 24px; margin: 8px 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            p.status { font-size: 15px; margin: 4px 0 12px; }
            p.live { color: #b35900; }
            p.caption { color: #555; margin: 4px 0 10px; max-width: 1100px; }
            nav a { margin-right: 14px; }
            code { font-size: 14px; background: #f4f4f4; padding: 1px 4px; }
            .tables { display: flex; flex-wrap: wrap; gap: 36px; align-items: flex-start; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; }
            th { background: #f4f4f4; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; }
            footer { color: #777; font-size: 12px; margin-top: 32px; }
            """;

    private ReportPage() {}

    static String html(Snapshot s, Report.Written written) {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        if (s.refreshSeconds() > 0) h.append("<meta http-equiv=\"refresh\" content=\"").append(s.refreshSeconds()).append("\"/>\n");
        h.append("<title>vecnn report: ").append(escape(s.model().spec())).append("</title>\n");
        h.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>vecnn training report</h1>\n");
        h.append("<p class=\"status").append(s.refreshSeconds() > 0 ? " live" : "").append("\">").append(escape(s.status()));
        if (s.refreshSeconds() > 0)
            h.append(" This page reloads itself every ").append(s.refreshSeconds()).append(" s while the run trains.");
        h.append("</p>\n<nav>");
        for (Figure f : written.figures())
            h.append("<a href=\"#").append(anchor(f)).append("\">").append(escape(f.title())).append("</a>");
        h.append("</nav>\n");

        h.append("<h2>Run</h2>\n<p>network <code>").append(escape(s.model().spec())).append("</code>, input ")
                .append(s.model().input()).append(", ").append(s.model().classes()).append(" classes</p>\n");
        h.append("<div class=\"tables\">\n");
        settings(h, s.settings());
        summary(h, s.model().summary());
        h.append("</div>\n");
        if (!s.metrics().rows().isEmpty()) metrics(h, s.metrics());

        for (Figure f : written.figures()) {
            h.append("<h2 id=\"").append(anchor(f)).append("\">").append(escape(f.title())).append("</h2>\n");
            h.append("<p class=\"caption\">").append(escape(f.caption())).append(" (").append(escape(f.file()))
                    .append(f.epoch() == s.epoch() ? "" : ", drawn after epoch " + f.epoch()).append(")</p>\n");
            h.append("<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
                    .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
                    .append("\" alt=\"").append(escape(f.title())).append("\"/>\n");
        }
        if (!written.leftOut().isEmpty()) {
            h.append("<h2>Not drawn</h2>\n<ul>\n");
            for (String why : written.leftOut()) h.append("<li>").append(escape(why)).append("</li>\n");
            h.append("</ul>\n");
        }
        h.append(String.format(Locale.ROOT, "<footer>Figures drawn in %.2f s by vecnn.</footer>%n", written.seconds()));
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Two settings a row (setting, value, setting, value), so the table stays about as tall as the summary's. */
    private static void settings(StringBuilder h, Map<String, String> settings) {
        List<Map.Entry<String, String>> entries = List.copyOf(settings.entrySet());
        int rows = (entries.size() + 1) / 2;
        h.append("<table>\n<tr><th>setting</th><th>value</th><th>setting</th><th>value</th></tr>\n");
        for (int r = 0; r < rows; r++) {
            h.append("<tr>");
            for (int i : new int[] {r, r + rows}) {
                if (i >= entries.size()) h.append("<td></td><td></td>");
                else h.append("<td>").append(escape(entries.get(i).getKey())).append("</td><td>")
                        .append(escape(shown(entries.get(i).getKey(), entries.get(i).getValue()))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** 0 means every image to --limit and the stored size to --downscale: the table says so in words. */
    private static String shown(String setting, String value) {
        if (!value.equals("0")) return value;
        return switch (setting) {
            case "limit" -> "all";
            case "downscale" -> "as stored";
            default -> value;
        };
    }

    private static void summary(StringBuilder h, Summary summary) {
        h.append("<table>\n<tr><th>#</th><th>layer</th><th>output</th><th>parameters</th><th>MFLOPs</th></tr>\n");
        h.append("<tr><td></td><td>input</td><td>").append(summary.input()).append("</td><td></td><td></td></tr>\n");
        int index = 1;
        for (Summary.Row row : summary.rows())
            h.append("<tr><td class=\"n\">").append(index++).append("</td><td>").append(escape(row.layer())).append("</td><td>")
                    .append(row.output()).append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%,d", row.parameters()))
                    .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.3f", row.mflops())).append("</td></tr>\n");
        h.append("<tr><th></th><th>total</th><th></th><th class=\"n\">").append(String.format(Locale.ROOT, "%,d", summary.parameters()))
                .append("</th><th class=\"n\">").append(String.format(Locale.ROOT, "%.3f", summary.mflops())).append("</th></tr>\n");
        h.append("</table>\n");
    }

    private static void metrics(StringBuilder h, MetricsTable metrics) {
        h.append("<h2 id=\"metrics\">Metrics per epoch</h2>\n<table>\n<tr>");
        for (String column : metrics.header()) h.append("<th>").append(escape(column)).append("</th>");
        h.append("</tr>\n");
        for (List<String> row : metrics.rows()) {
            h.append("<tr>");
            for (String cell : row) h.append("<td class=\"n\">").append(escape(cell)).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String anchor(Figure f) { return f.file().replace(".png", ""); }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
