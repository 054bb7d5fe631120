package io.eipfailover.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Draws the failover-time distributions as a PNG (JFreeChart, headless): one box per setting and
 * scenario for detection and for fault → AssociateAddress, on a logarithmic millisecond axis (the
 * crash fast path and the deadline path differ by two orders of magnitude).
 */
final class ChartWriter {
  private ChartWriter() {}

  /**
   * @param samples for each "setting / scenario" category, the detection and associate samples (ms)
   */
  static void write(Map<String, List<List<Double>>> samples, Path png, String subtitle) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
    samples.forEach((category, pair) -> {
      if (!pair.get(0).isEmpty()) {
        data.add(pair.get(0), "detection (the survivor convicts the victim)", category);
      }
      if (!pair.get(1).isEmpty()) {
        data.add(pair.get(1), "fault -> survivor's AssociateAddress at EC2", category);
      }
    });
    LogAxis ms = new LogAxis("milliseconds after the fault (log scale)");
    ms.setSmallestValue(0.5);
    ms.setBase(10);
    ms.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
    ms.setMinorTickCount(9);
    ms.setMinorTickMarksVisible(true);
    ms.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
    CategoryAxis categories = new CategoryAxis("setting / scenario");
    categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    categories.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
    renderer.setMeanVisible(false);
    renderer.setFillBox(true);
    renderer.setSeriesPaint(0, new Color(0x4C72B0));
    renderer.setSeriesPaint(1, new Color(0xDD8452));
    renderer.setMaximumBarWidth(0.08);
    CategoryPlot plot = new CategoryPlot(data, categories, ms, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("eip-failover: failover-time distributions", JFreeChart.DEFAULT_TITLE_FONT,
        plot, true);
    chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, 800);
  }
}
