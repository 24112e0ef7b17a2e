package jp.kenshin.outreach.reports;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japanese line breaking (禁則処理) for the documents' texts. JasperReports wraps a text field on its own and
 * puts {@code ）} and {@code 。} at the start of a line when the line is full just before them; it has no
 * setting for the Japanese rules. So a text whose element width is known is broken here first, with hard line
 * breaks Jasper keeps: a line never starts with a closing bracket, a comma or full stop, a middle dot, a
 * prolonged sound mark, a wave dash or a small kana, and never ends with an opening bracket. Break opportunities
 * come from the JDK's line {@link BreakIterator} for Japanese, filtered by those rules and by one more: a run of
 * half-width letters, digits and signs (a phone number, a URL) stays whole unless it is longer than the line; widths are measured with the embedded IPAex fonts the PDF uses, with a margin so that Jasper's
 * own measuring never wraps a line again.
 */
public final class Kinsoku {

    /** Characters that must not start a line (行頭禁則). */
    public static final String NO_LINE_START = "）」』】〕〉》］｝)]}、。，．,.・：；:;！？!?ー～〜‐゠–"
            + "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々ゝゞヽヾ％%";
    /** Characters that must not end a line (行末禁則). */
    public static final String NO_LINE_END = "（「『【〔〈《［｛([{￥＄$＃#〒";

    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final Map<String, Font> FONTS = new ConcurrentHashMap<>();
    private static final Map<String, Double> ADVANCES = new ConcurrentHashMap<>();

    private Kinsoku() {
    }

    /** {@code ~} and {@code 〜} as the full-width tilde {@code ～}, the form the IPAex fonts draw as a wave dash. */
    public static String waveDashes(String text) {
        return text == null ? null : text.replace('~', '～').replace('〜', '～');
    }

    /**
     * The text with a line break wherever a line of the given width (points) in the given font would end,
     * chosen by the rules above. Existing line breaks are kept.
     *
     * @param mincho IPAex Mincho instead of IPAex Gothic
     */
    public static String breakLines(String text, boolean mincho, float fontSize, float width) {
        if (text == null || text.isEmpty() || width <= 0) {
            return text;
        }
        Font font = font(mincho).deriveFont(fontSize);
        // Jasper measures with its own rounding: keep a quarter of a character in hand
        double limit = width - fontSize * 0.25;
        StringBuilder out = new StringBuilder(text.length() + 8);
        String[] paragraphs = text.split("\n", -1);
        for (int i = 0; i < paragraphs.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            breakParagraph(paragraphs[i].replace("\r", ""), font, limit, out);
        }
        return out.toString();
    }

    /** Whether a line break may come before index {@code at} of the text by the Japanese rules. */
    public static boolean mayBreakBefore(CharSequence text, int at) {
        return at > 0 && at < text.length() && NO_LINE_START.indexOf(text.charAt(at)) < 0
                && NO_LINE_END.indexOf(text.charAt(at - 1)) < 0
                // a run of half-width letters, digits and signs (a phone number, a URL) stays whole
                && !(isHalfWidthVisible(text.charAt(at - 1)) && isHalfWidthVisible(text.charAt(at)));
    }

    private static boolean isHalfWidthVisible(char c) {
        return c > ' ' && c < 0x7f;
    }

    private static void breakParagraph(String paragraph, Font font, double limit, StringBuilder out) {
        BreakIterator lines = BreakIterator.getLineInstance(Locale.JAPANESE);
        lines.setText(paragraph);
        double[] advance = advances(font, paragraph);
        int start = 0;
        while (start < paragraph.length()) {
            // the longest prefix that fits (at least one character)
            double used = advance[start];
            int fits = start + 1;
            while (fits < paragraph.length() && used + advance[fits] <= limit) {
                used += advance[fits];
                fits++;
            }
            if (fits >= paragraph.length()) {
                out.append(paragraph, start, paragraph.length());
                return;
            }
            // then the last permitted break at or before its end
            int end = -1;
            for (int at = fits; at > start; at--) {
                if (lines.isBoundary(at) && mayBreakBefore(paragraph, at)) {
                    end = at;
                    break;
                }
            }
            if (end < 0) {
                // one unbreakable run longer than the line (a long number or URL): the rules only, then any place
                for (int at = fits; at > start; at--) {
                    if (mayBreakBefore(paragraph, at) && !Character.isLowSurrogate(paragraph.charAt(at))) {
                        end = at;
                        break;
                    }
                }
            }
            if (end < 0) {
                end = Character.isLowSurrogate(paragraph.charAt(fits)) ? fits + 1 : fits;
            }
            int last = end;
            while (last > start + 1 && paragraph.charAt(last - 1) == ' ') {
                last--; // no half-width space at a line end either
            }
            out.append(paragraph, start, last).append('\n');
            start = end;
            // a half-width space at a line start is dropped, as Jasper would drop it at a soft break
            while (start < paragraph.length() && paragraph.charAt(start) == ' ') {
                start++;
            }
        }
    }

    /** The advance of each char of the text (a surrogate pair's on its first char, 0 on its second). */
    private static double[] advances(Font font, String text) {
        double[] advance = new double[text.length()];
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePointAt(i);
            String key = font.getFontName() + '|' + font.getSize2D() + '|' + cp;
            advance[i] = ADVANCES.computeIfAbsent(key, k -> font.getStringBounds(new String(Character.toChars(cp)), CONTEXT).getWidth());
            if (Character.isSupplementaryCodePoint(cp)) {
                advance[++i] = 0;
            }
        }
        return advance;
    }

    private static Font font(boolean mincho) {
        String file = mincho ? "/fonts/ipaexm.ttf" : "/fonts/ipaexg.ttf";
        return FONTS.computeIfAbsent(file, f -> {
            try (InputStream in = Kinsoku.class.getResourceAsStream(f)) {
                if (in == null) {
                    throw new IllegalStateException("The font " + f + " is not on the classpath");
                }
                return Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException("The font " + f + " cannot be read", e);
            }
        });
    }
}
