package io.eipfailover.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The frontier: for each daemon setting, the host-gone takeover time (p50, fault → AssociateAddress)
 * against the longest process stall it survived without a takeover (the stall ladder). Below is
 * faster, right is more tolerant of stalls; a setting dominates another when it lies below and to
 * the right. Log-log axes (10 ms to seconds on both); a setting that survived no step of the ladder
 * is drawn at half its first step.
 */
final class FrontierChart {
  /** Where "survived nothing" is drawn: half of the ladder's first step (10 ms). */
  static final double NONE_SURVIVED_MS = 5;

  private FrontierChart() {}

  /** A point of the chart. */
  record Point(String label, boolean ours, double stallMs, double hostGoneMs) {}

  /** The chart's points: every setting with both a ladder result and host-gone runs. */
  static List<Point> points(Results r) {
    List<Point> out = new ArrayList<>();
    for (var s : r.settings()) {
      String label = s.get("setting");
      OptionalDouble survived = r.value("stall-ladder", label, "longest_survived_ms");
      Stats gone = r.stats(label, "host-gone", "associate_ms");
      if (survived.isPresent() && gone.n() > 0) {
        out.add(new Point(label, s.get("daemon").equals("agent"),
            Math.max(NONE_SURVIVED_MS, survived.getAsDouble()), gone.p50()));
      }
    }
    return out;
  }

  static void write(List<Point> points, Path png, String subtitle) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries ours = new XYSeries("this project");
    XYSeries theirs = new XYSeries("keepalived");
    for (Point p : points) {
      (p.ours() ? ours : theirs).add(p.stallMs(), p.hostGoneMs());
    }
    data.addSeries(ours);
    data.addSeries(theirs);
    LogAxis x = axis("longest process stall survived without a takeover, ms (log; further right is better)");
    LogAxis y = axis("host gone: fault -> takeover at EC2, p50 ms (log; lower is better)");
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    renderer.setSeriesPaint(0, new Color(0x4C72B0));
    renderer.setSeriesPaint(1, new Color(0xDD8452));
    renderer.setDefaultStroke(new BasicStroke(2f));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (Point p : points) {
      XYTextAnnotation a = new XYTextAnnotation("  " + p.label(), p.stallMs(), p.hostGoneMs());
      a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
      a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      plot.addAnnotation(a);
    }
    JFreeChart chart = new JFreeChart("Frontier: detection of a dead host vs tolerance of a paused process",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle(subtitle));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 700);
  }

  private static LogAxis axis(String label) {
    LogAxis a = new LogAxis(label);
    a.setBase(10);
    a.setSmallestValue(1);
    a.setRange(2, 5000);
    a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one major tick per power of ten
    a.setMinorTickCount(9);
    a.setMinorTickMarksVisible(true);
    a.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
    return a;
  }
}
