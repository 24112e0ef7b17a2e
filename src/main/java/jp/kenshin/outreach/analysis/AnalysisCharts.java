package jp.kenshin.outreach.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.util.List;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.renderers.AbstractRenderer;
import net.sf.jasperreports.renderers.Graphics2DRenderable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's charts, drawn by JFreeChart straight into the PDF as vector graphics (like the postcard's
 * barcode): no image is embedded. Japanese labels use the IPAex Gothic font of {@code reports/fonts}.
 * Each renderable keeps only the numbers and labels it draws (aggregates), and builds its chart when drawn.
 */
final class AnalysisCharts {

    private static final Font FONT = load();
    /** Per group in Arm order: notice only grey, notice and call blue, holdout orange; then the notice-only total green. */
    private static final Color[] COLORS = {new Color(0x7a7a7a), new Color(0x1f4e9c), new Color(0xd9822b), new Color(0x2e8b57)};

    private AnalysisCharts() {
    }

    private static Font load() {
        try (InputStream in = AnalysisCharts.class.getResourceAsStream("/fonts/ipaexg.ttf")) {
            if (in == null) {
                throw new IllegalStateException("fonts/ipaexg.ttf is not on the classpath");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("fonts/ipaexg.ttf is not a TrueType font", e);
        }
    }

    static Font font(float size) {
        return FONT.deriveFont(size);
    }

    private static Color color(int series) {
        return COLORS[series % COLORS.length];
    }

    private static NumberAxis percentAxis(String label, double upper) {
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("0%"));
        axis.setRange(0, upper);
        style(axis);
        return axis;
    }

    private static void style(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(font(9f));
        axis.setTickLabelFont(font(8f));
    }

    private static JFreeChart newChart(String title, XYPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(title, font(10f), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(font(8f));
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    private static void draw(JFreeChart chart, Graphics2D g, Rectangle2D box) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.draw(g, box);
    }

    /** Uptake per group: the rate as a dot, its Wilson 95% interval as a whisker, the rate written above. */
    static final class Uptake extends AbstractRenderer implements Graphics2DRenderable {

        private static final long serialVersionUID = 1L;

        private final String[] labels;
        private final double[] rates;
        private final double[] lowers;
        private final double[] uppers;

        Uptake(List<String> labels, double[] rates, double[] lowers, double[] uppers) {
            this.labels = labels.toArray(String[]::new);
            this.rates = rates.clone();
            this.lowers = lowers.clone();
            this.uppers = uppers.clone();
        }

        JFreeChart chart() {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            double top = 0;
            for (int i = 0; i < labels.length; i++) {
                YIntervalSeries series = new YIntervalSeries(labels[i]);
                series.add(i, rates[i], lowers[i], uppers[i]);
                data.addSeries(series);
                top = Math.max(top, uppers[i]);
            }
            SymbolAxis groups = new SymbolAxis(null, labels);
            groups.setRange(-0.5, labels.length - 0.5);
            groups.setGridBandsVisible(false);
            style(groups);
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDrawXError(false);
            renderer.setDrawYError(true);
            renderer.setDefaultLinesVisible(false);
            renderer.setCapLength(8);
            renderer.setErrorStroke(new BasicStroke(1.2f));
            renderer.setErrorPaint(Color.BLACK);
            for (int i = 0; i < labels.length; i++) {
                renderer.setSeriesPaint(i, color(i));
                renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
            }
            double upper = Math.min(1, Math.ceil((top + 0.08) * 10) / 10);
            XYPlot plot = new XYPlot(data, groups, percentAxis("受診率（点）と95%信頼区間（縦線、Wilson法）", upper), renderer);
            for (int i = 0; i < labels.length; i++) {
                XYTextAnnotation text = new XYTextAnnotation(String.format("%.1f%%", rates[i] * 100), i + 0.08, rates[i]);
                text.setFont(font(8f));
                text.setTextAnchor(TextAnchor.CENTER_LEFT);
                plot.addAnnotation(text);
            }
            return newChart("群別の受診率", plot, false);
        }

        @Override
        public void render(JasperReportsContext context, Graphics2D g, Rectangle2D box) {
            draw(chart(), g, box);
        }
    }

    /** Cumulative uptake by days since dispatch, one step line per group. */
    static final class Curves extends AbstractRenderer implements Graphics2DRenderable {

        private static final long serialVersionUID = 1L;

        private final String[] labels;
        private final double[][] shares;

        /** @param shares per group, the cumulative share by day since dispatch (index = day) */
        Curves(List<String> labels, double[][] shares) {
            this.labels = labels.toArray(String[]::new);
            this.shares = new double[shares.length][];
            for (int i = 0; i < shares.length; i++) {
                this.shares[i] = shares[i].clone();
            }
        }

        JFreeChart chart() {
            XYSeriesCollection data = new XYSeriesCollection();
            double top = 0;
            int days = 0;
            for (int i = 0; i < labels.length; i++) {
                XYSeries series = new XYSeries(labels[i], true, false);
                for (int day = 0; day < shares[i].length; day++) {
                    series.add(day, shares[i][day]);
                    top = Math.max(top, shares[i][day]);
                }
                days = Math.max(days, shares[i].length - 1);
                data.addSeries(series);
            }
            NumberAxis time = new NumberAxis("差出日からの日数");
            time.setRange(0, Math.max(1, days));
            time.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            style(time);
            XYStepRenderer renderer = new XYStepRenderer();
            for (int i = 0; i < labels.length; i++) {
                renderer.setSeriesPaint(i, color(i));
                renderer.setSeriesStroke(i, new BasicStroke(1.5f));
            }
            double upper = Math.min(1, Math.ceil((top + 0.05) * 10) / 10);
            XYPlot plot = new XYPlot(data, time, percentAxis("累積受診割合", Math.max(0.1, upper)), renderer);
            return newChart("差出日からの累積受診割合", plot, true);
        }

        @Override
        public void render(JasperReportsContext context, Graphics2D g, Rectangle2D box) {
            draw(chart(), g, box);
        }
    }
}
