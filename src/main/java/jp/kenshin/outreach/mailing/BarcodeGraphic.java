package jp.kenshin.outreach.mailing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.renderers.AbstractRenderer;
import net.sf.jasperreports.renderers.Graphics2DRenderable;

/**
 * The customer barcode as vector graphics for the card: the bars are drawn straight into the PDF
 * (no image per card), scaled to the element's box (79.8 × 3.6 mm at 10 points).
 */
final class BarcodeGraphic extends AbstractRenderer implements Graphics2DRenderable {

    private static final long serialVersionUID = 1L;

    private final String bars;

    BarcodeGraphic(String bars) {
        this.bars = bars;
    }

    @Override
    public void render(JasperReportsContext context, Graphics2D g, Rectangle2D box) {
        CustomerBarcode.Dimensions d = CustomerBarcode.Dimensions.at(10);
        double sx = box.getWidth() / d.length();
        double sy = box.getHeight() / d.longBar();
        double third = d.longBar() / 3;
        g.setColor(Color.BLACK);
        for (int i = 0; i < bars.length(); i++) {
            double top;
            double bottom;
            switch (bars.charAt(i)) {
                case '1' -> { top = 0; bottom = d.longBar(); }
                case '2' -> { top = 0; bottom = 2 * third; }
                case '3' -> { top = third; bottom = d.longBar(); }
                default -> { top = third; bottom = 2 * third; }
            }
            g.fill(new Rectangle2D.Double(box.getX() + i * d.pitch() * sx, box.getY() + top * sy, d.barWidth() * sx,
                    (bottom - top) * sy));
        }
    }
}
