package jp.kenshin.outreach.mailing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.reports.ReportRenderer;
import net.sf.jasperreports.renderers.Renderable;
import net.sf.jasperreports.renderers.SimpleDataRenderer;
import org.springframework.stereotype.Component;

/**
 * Renders notice postcards (reports/postcard.jrxml, four pages per card) to print-ready PDF: Japanese
 * text in the embedded IPAex fonts, the fiscal year in the Japanese era, the customer barcode drawn from
 * the specification, and a QR code (ZXing) to the ward's booking page.
 */
@Component
public class PostcardRenderer {

    private final ReportRenderer renderer;
    private final CardTemplates templates;

    public PostcardRenderer(ReportRenderer renderer, CardTemplates templates) {
        this.renderer = renderer;
        this.templates = templates;
    }

    /** Renders the cards in the given order; each card takes the texts of its own message variant. */
    public byte[] render(int fiscalYear, List<Postcard> cards) {
        String year = ReportRenderer.eraFiscalYear(fiscalYear);
        Map<String, CardTexts> texts = new HashMap<>();
        Map<String, Renderable> qrCodes = new HashMap<>();
        List<Map<String, ?>> rows = new ArrayList<>(cards.size());
        for (Postcard card : cards) {
            CardTexts t = texts.computeIfAbsent(card.variant(), v -> templates.texts(fiscalYear, v));
            Map<String, Object> row = new HashMap<>();
            row.put("mailingId", card.mailingId());
            row.put("postalCode", card.postalCode());
            row.put("address", card.address());
            row.put("addressDetail", card.addressDetail() == null ? "" : card.addressDetail());
            row.put("name", card.name());
            row.put("ticketNumber", card.ticketNumber());
            row.put("greeting", t.greeting().replace("{name}", card.name()).replace("{year}", year));
            row.put("coverHeading", t.coverHeading());
            row.put("checkupPeriod", t.checkupPeriod().replace("{year}", year));
            row.put("howToBook", t.howToBook());
            row.put("whyItMatters", t.whyItMatters());
            row.put("inquiryDesk", t.inquiryDesk());
            row.put("privacyNote", t.privacyNote());
            row.put("sender", t.sender());
            // one QR image per booking page, embedded once; the barcode drawn as vector graphics
            row.put("qr", qrCodes.computeIfAbsent(t.bookingUrl(), url -> SimpleDataRenderer.getInstance(png(qrCode(url)))));
            row.put("barcode", new BarcodeGraphic(CustomerBarcode.encode(card.postalCode(),
                    CustomerBarcode.addressNumberPart(card.address() + " " + (card.addressDetail() == null ? "" : card.addressDetail())))
                    .bars()));
            rows.add(row);
        }
        return renderer.pdf("postcard", Map.of("fiscalYearJapanese", year), rows);
    }

    private static byte[] png(BufferedImage image) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BufferedImage qrCode(String url) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 1));
            int scale = 8;
            BufferedImage image = new BufferedImage(matrix.getWidth() * scale, matrix.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        g.fillRect(x * scale, y * scale, scale, scale);
                    }
                }
            }
            g.dispose();
            return image;
        } catch (WriterException e) {
            throw new IllegalArgumentException("The booking URL does not fit a QR code", e);
        }
    }
}
