package dev.perbench.web;

import java.util.List;
import java.util.Locale;
import org.unbescape.xml.XmlEscape;

/**
 * Server-rendered SVG charts: a benchmark's entries with their confidence-interval whiskers, and
 * the per-sample scatter of two entries. Every text is XML-escaped; the charts carry no script.
 */
public final class SvgCharts {
  /** Rows drawn at most; a longer leaderboard is drawn from its top. */
  public static final int MAX_ROWS = 60;

  private static final int ROW = 22;
  private static final int LABEL = 260;
  private static final int PLOT = 420;

  private SvgCharts() {}

  /** The rows' values (percent) as dots with their intervals as whiskers, in the rows' order. */
  public static String whiskers(List<LeaderboardRow> rows, String title) {
    List<LeaderboardRow> drawn =
        rows.stream().filter(r -> r.value() != null).limit(MAX_ROWS).toList();
    double max = 0;
    for (LeaderboardRow r : drawn) {
      max = Math.max(max, r.upper() != null ? r.upper() : r.value());
    }
    // a multiple of 20, so that the five ticks (quarters) fall on multiples of 5
    max = max <= 0 ? 100 : Math.min(100, Math.ceil(max / 20) * 20);
    int width = LABEL + PLOT + 60;
    int height = 50 + ROW * drawn.size();
    StringBuilder svg = header(width, height, title);
    text(svg, 8, 18, "start", "title", title);
    for (int tick = 0; tick <= 4; tick++) {
      double v = max * tick / 4;
      double x = LABEL + PLOT * v / max;
      svg.append(
          fmt(
              "<line class=\"grid\" x1=\"%.1f\" y1=\"28\" x2=\"%.1f\" y2=\"%d\"/>",
              x, x, height - 14));
      text(svg, x, height - 2, "middle", "axis", fmt("%.0f", v));
    }
    int y = 40;
    for (LeaderboardRow r : drawn) {
      // the size tells apart the models of one family (Pixel-SAIL 0.5B and 3B)
      String name = r.size() == null ? r.name() : r.name() + " (" + r.size() + ")";
      String label = name.length() > 38 ? name.substring(0, 37) + "…" : name;
      text(svg, LABEL - 8, y + 4, "end", "label", label);
      if (r.lower() != null && r.upper() != null) {
        svg.append(
            fmt(
                "<line class=\"whisker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
                LABEL + PLOT * r.lower() / max, y, LABEL + PLOT * r.upper() / max, y));
      }
      svg.append(
          fmt(
              "<circle class=\"dot %s\" cx=\"%.1f\" cy=\"%d\" r=\"4\"><title>%s</title></circle>",
              escape(r.kind()),
              LABEL + PLOT * r.value() / max,
              y,
              escape(r.name() + ": " + fmt("%.2f", r.value()))));
      y += ROW;
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * Points (A's score, B's score) in [0, 1] with the diagonal; for 0/1 scores (multiple choice) the
   * four corners are labelled with their counts instead, since the points would overlap.
   */
  public static String scatter(List<double[]> points, String xLabel, String yLabel, String title) {
    int size = 360;
    int pad = 44;
    int width = size + pad + 16;
    int height = size + pad + 30;
    StringBuilder svg = header(width, height, title);
    text(svg, 8, 18, "start", "title", title);
    double x0 = pad;
    double y0 = 26 + size;
    svg.append(
        fmt(
            "<rect class=\"frame\" x=\"%d\" y=\"26\" width=\"%d\" height=\"%d\"/>",
            pad, size, size));
    svg.append(
        fmt(
            "<line class=\"diagonal\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"26\"/>",
            x0, y0, x0 + size));
    text(svg, x0 + size / 2.0, height - 4, "middle", "axis", xLabel);
    svg.append(
        fmt(
            "<text class=\"axis\" text-anchor=\"middle\" transform=\"translate(12 %.1f)"
                + " rotate(-90)\">%s</text>",
            26 + size / 2.0, escape(yLabel)));
    text(svg, x0, y0 + 14, "middle", "axis", "0");
    text(svg, x0 + size, y0 + 14, "middle", "axis", "1");
    text(svg, x0 - 6, 30, "end", "axis", "1");
    boolean binary = points.stream().allMatch(p -> isBit(p[0]) && isBit(p[1]));
    if (binary && !points.isEmpty()) {
      int[][] counts = new int[2][2];
      for (double[] p : points) {
        counts[(int) p[0]][(int) p[1]]++;
      }
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          double cx = x0 + (a == 0 ? 0.15 : 0.85) * size;
          double cy = y0 - (b == 0 ? 0.15 : 0.85) * size;
          text(svg, cx, cy, "middle", "count", String.valueOf(counts[a][b]));
        }
      }
    } else {
      for (double[] p : points) {
        svg.append(
            fmt(
                "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>",
                x0 + clamp(p[0]) * size, y0 - clamp(p[1]) * size));
      }
    }
    return svg.append("</svg>\n").toString();
  }

  private static StringBuilder header(int width, int height, String title) {
    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        fmt(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" role=\"img\" aria-label=\"%s\">",
            width, height, width, height, escape(title)));
    svg.append(
        "<style>text{font:12px sans-serif;fill:#222}.title{font-weight:bold}.axis{fill:#555}"
            + ".grid{stroke:#ddd}.whisker{stroke:#333;stroke-width:2}.dot{fill:#1f5fbf}"
            + ".dot.reported{fill:#999}.dot.baseline{fill:#b07a00}.frame{fill:none;stroke:#999}"
            + ".diagonal{stroke:#bbb;stroke-dasharray:4 3}.point{fill:#1f5fbf;fill-opacity:.45}"
            + ".count{font-size:20px}</style>");
    return svg;
  }

  private static void text(
      StringBuilder svg, double x, double y, String anchor, String cls, String s) {
    svg.append(
        fmt(
            "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
            cls, x, y, anchor, escape(s)));
  }

  private static boolean isBit(double v) {
    return v == 0 || v == 1;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /** XML-escapes text and attribute values (unbescape, Thymeleaf's own escaper). */
  static String escape(String s) {
    return s == null ? "" : XmlEscape.escapeXml10(s);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
