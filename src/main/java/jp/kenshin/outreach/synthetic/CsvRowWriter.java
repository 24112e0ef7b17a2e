package jp.kenshin.outreach.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * RFC 4180 rows with CRLF line ends, encoded strictly: a character the charset cannot encode is an
 * error ({@link java.nio.charset.UnmappableCharacterException}), never a silent {@code ?}. No byte
 * order mark is written. {@link #flush()} flushes but never closes the caller's stream.
 */
final class CsvRowWriter {

    private final Writer out;
    private final StringBuilder line = new StringBuilder(512);
    private char[] chars = new char[1024];
    private boolean firstField = true;
    private long rows;

    CsvRowWriter(OutputStream stream, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.out = new OutputStreamWriter(stream, encoder);
    }

    CsvRowWriter field(String value) {
        if (!firstField) {
            line.append(',');
        }
        firstField = false;
        if (value == null || value.isEmpty()) {
            return this;
        }
        if (needsQuotes(value)) {
            line.append('"');
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        } else {
            line.append(value);
        }
        return this;
    }

    CsvRowWriter field(long value) {
        if (!firstField) {
            line.append(',');
        }
        firstField = false;
        line.append(value);
        return this;
    }

    /** A number with one decimal, given in tenths (1725 is written {@code 172.5}). */
    CsvRowWriter tenths(int value) {
        if (!firstField) {
            line.append(',');
        }
        firstField = false;
        line.append(value / 10).append('.').append(value % 10);
        return this;
    }

    void fields(Iterable<String> values) {
        for (String value : values) {
            field(value);
        }
    }

    void endRow() throws IOException {
        line.append('\r').append('\n');
        int length = line.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        line.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
        line.setLength(0);
        firstField = true;
        rows++;
    }

    /** Rows written so far, header included. */
    long rows() {
        return rows;
    }

    void flush() throws IOException {
        out.flush();
    }

    private static boolean needsQuotes(String value) {
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
