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
import jp.kenshin.outreach.reports.Kinsoku;
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
    private final WardProperties ward;
    private final SenderCheck senderCheck;

    public PostcardRenderer(ReportRenderer renderer, CardTemplates templates, WardProperties ward, SenderCheck senderCheck) {
        this.renderer = renderer;
        this.templates = templates;
        this.ward = ward;
        this.senderCheck = senderCheck;
    }

    /**
     * The texts as printed: the ward's settings in place of their tokens, and {@code ~} or {@code 〜} as the
     * full-width {@code ～} (the IPAex fonts draw U+007E as an overline-like tilde). The booking URL is kept as it is.
     */
    CardTexts printed(CardTexts t) {
        java.util.function.UnaryOperator<String> p = text -> text == null ? null : Kinsoku.waveDashes(ward.fill(text));
        return new CardTexts(p.apply(t.coverHeading()), p.apply(t.greeting()), p.apply(t.checkupPeriod()), p.apply(t.howToBook()),
                t.bookingUrl(), p.apply(t.whyItMatters()), p.apply(t.inquiryDesk()), p.apply(t.privacyNote()), p.apply(t.sender()));
    }

    /** Renders the cards in the given order; each card takes the texts of its own message variant. */
    public byte[] render(int fiscalYear, List<Postcard> cards) {
        return render(fiscalYear, cards, variant -> templates.texts(fiscalYear, variant), false);
    }

    /** The mailing id of the sample card: sequence number 0, which no card of a mailing has. */
    public static String sampleMailingId(int fiscalYear) {
        return String.format("M%d-%07d", fiscalYear, 0);
    }

    /**
     * One synthetic sample card (no person's data) with the given texts, as the ward edits them: every page marked
     * 見本 across it, the ward's settings filled in as on the real cards.
     */
    public byte[] renderSample(int fiscalYear, String variant, CardTexts texts) {
        Postcard sample = new Postcard(sampleMailingId(fiscalYear), "1000001", ward.name() + "見本町一丁目2番3号",
                "見本ハイツ101号室", "見本　花子", "00000000000", variant);
        return render(fiscalYear, List.of(sample), v -> texts, true);
    }

    private byte[] render(int fiscalYear, List<Postcard> cards, java.util.function.Function<String, CardTexts> textsOf, boolean sample) {
        String year = ReportRenderer.eraFiscalYear(fiscalYear);
        Map<String, CardTexts> texts = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        Map<String, Renderable> qrCodes = new HashMap<>();
        List<Map<String, ?>> rows = new ArrayList<>(cards.size());
        for (Postcard card : cards) {
            CardTexts t = texts.computeIfAbsent(card.variant(), v -> {
                CardTexts raw = textsOf.apply(v);
                senderCheck.problems(raw, placeholders);
                return printed(raw);
            });
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
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("fiscalYearJapanese", year);
        // while the sender or the desk is a placeholder, every page says so: such a card is a sample, not for the post
        parameters.put("senderNotice", placeholders.isEmpty() ? null : SenderCheck.NOTICE);
        parameters.put("sampleMark", sample ? "見本" : null);
        return renderer.pdf("postcard", parameters, rows);
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
