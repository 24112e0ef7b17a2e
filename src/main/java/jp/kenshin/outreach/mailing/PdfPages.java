package jp.kenshin.outreach.mailing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** A PDF's pages drawn as one PNG (PDFBox), in rows of a given number of pages, with a gap between them. */
final class PdfPages {

    private static final float DPI = 110;
    private static final int GAP = 16;

    private PdfPages() {
    }

    static byte[] png(byte[] pdf, int perRow) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                pages.add(renderer.renderImageWithDPI(i, DPI));
            }
            int width = pages.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
            int height = pages.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
            int rows = (pages.size() + perRow - 1) / perRow;
            BufferedImage sheet = new BufferedImage(perRow * width + (perRow + 1) * GAP, rows * height + (rows + 1) * GAP,
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sheet.createGraphics();
            g.setColor(new Color(0xdd, 0xdd, 0xdd));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int i = 0; i < pages.size(); i++) {
                g.drawImage(pages.get(i), GAP + (i % perRow) * (width + GAP), GAP + (i / perRow) * (height + GAP), null);
            }
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(sheet, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The sample card could not be drawn", e);
        }
    }
}
