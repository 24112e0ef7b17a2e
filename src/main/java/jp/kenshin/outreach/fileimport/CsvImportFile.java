package jp.kenshin.outreach.fileimport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads one CSV file of the ward's systems (RFC 4180, CRLF, LF or CR) as a stream of rows, without
 * holding the file in memory. A UTF-8 byte order mark means UTF-8; otherwise the given encoding
 * is used, strictly: a byte sequence that does not decode refuses the file with its line number.
 * Columns are found by their header name, in any order.
 * <p>
 * The syntax is RFC 4180 as Apache Commons CSV's {@code RFC4180} format reads it, which this class used until
 * its fields were split here, in one pass with the checks below ({@code CsvImportFileTest} compares the two on
 * random files): a quote opens a quoted field only as the field's first character, two quotes in a quoted field
 * are one, only white space may follow the closing quote, a line break inside quotes is part of the field and
 * counts as a line. Commons CSV read each character through three layers (and a second pass checked them),
 * which made the reading thread the slower of a large import's two.
 * <p>
 * Hostile files are refused while they stream in, before any field is held whole: a field over
 * {@value #MAX_FIELD_CHARS} characters, a header over {@value #MAX_HEADER_CHARS} characters or a column name
 * over {@value #MAX_COLUMN_NAME_CHARS}, more than {@value #MAX_COLUMNS} columns, a control character (NUL and
 * the like; tab and line breaks are allowed), and a quote that is never closed. Each refusal names the line
 * (the line the record starts on, the line the import report gives a row) and the column (by its name when it
 * is one of the format's, else by its place), never the content. Column names the format does not know are
 * reported shortened and cleaned ({@link #shownColumnName}).
 */
public final class CsvImportFile implements AutoCloseable, Iterable<CsvImportFile.Row> {

    /** No field of either format is anywhere near this long (names and addresses are capped far lower by the parsers). */
    public static final int MAX_FIELD_CHARS = 1000;
    /** The members file has 24 known columns and the results file 19; room for a core system's extra ones. */
    public static final int MAX_COLUMNS = 200;
    public static final int MAX_COLUMN_NAME_CHARS = 100;
    public static final int MAX_HEADER_CHARS = 10_000;
    /** An unknown column name is reported by at most this many characters. */
    static final int SHOWN_NAME_CHARS = 20;
    /** At most this many unknown columns are named in the report; the rest are counted. */
    static final int SHOWN_UNKNOWN_COLUMNS = 20;

    private static final String CONTROL_CHARACTER = "制御文字（NULなど）が含まれています";
    private static final String BAD_QUOTES = "CSVの書式が正しくありません（引用符 \" の使い方を確認してください）";
    /** What ends a field: the delimiter, a line break (any of CRLF, LF, CR) or the end of the file. */
    private static final int COMMA = ',';
    private static final int LINE_BREAK = '\n';
    private static final int END_OF_FILE = -1;
    private static final int NOT_AN_END = 0;

    private final DigestInputStream digest;
    private final InputStream in;
    private final Charset encoding;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    /** The decoded characters ({@code chars}' array) and the next one to read. */
    private final char[] buffer = chars.array();
    private int position;
    private int limit;
    private boolean endOfBytes;
    private boolean drained;

    private final Set<String> known;
    private final Map<String, Integer> columns = new LinkedHashMap<>();
    /** The format's own column names (the parsers' constants) to their place: found by identity, without hashing a name. */
    private final Map<String, Integer> knownColumns = new IdentityHashMap<>();
    private final List<String> unknownColumns = new ArrayList<>();
    private final List<String> droppedColumns = new ArrayList<>();
    /** The header's names by place (trimmed), to name a column in a refusal. */
    private List<String> headerNames = List.of();

    /** The line of the next character; the line the current record starts on. */
    private int line = 1;
    private int recordLine = 1;
    private boolean header = true;
    private int column;
    private int headerChars;
    private final char[] field = new char[MAX_FIELD_CHARS];
    private int fieldLength;
    private final List<String> values = new ArrayList<>();

    private CsvImportFile(InputStream raw, Charset givenEncoding, ColumnSet columnSet) throws IOException {
        try {
            this.digest = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        BufferedInputStream buffered = new BufferedInputStream(digest, 1 << 16);
        buffered.mark(3);
        byte[] head = buffered.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        if (!bom) {
            buffered.reset();
        }
        this.in = buffered;
        this.encoding = bom ? StandardCharsets.UTF_8 : givenEncoding;
        this.decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.known = columnSet.known();
        bytes.flip();
        readHeader(columnSet);
    }

    /** Opens the file and reads its header. Refuses the file when a required column is missing. */
    public static CsvImportFile open(InputStream in, Charset givenEncoding, ColumnSet columnSet) {
        try {
            return new CsvImportFile(in, givenEncoding, columnSet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readHeader(ColumnSet columnSet) throws IOException {
        String[] header = nextRecord();
        if (header == null) {
            throw new FileRefusedException(1, "ヘッダ行がありません（空のファイルです）");
        }
        List<String> names = new ArrayList<>(header.length);
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            String name = Text.trim(header[i]);
            names.add(name);
            if (name.isEmpty()) {
                continue;
            }
            if (columns.putIfAbsent(name, i) != null) {
                duplicates.add(columnSet.known().contains(name) ? name : (i + 1) + "列目");
            }
            if (!columnSet.known().contains(name)) {
                if (unknownColumns.size() < SHOWN_UNKNOWN_COLUMNS) {
                    unknownColumns.add(shownColumnName(name));
                } else if (unknownColumns.size() == SHOWN_UNKNOWN_COLUMNS) {
                    unknownColumns.add("ほか" + (unknownCount(header, columnSet) - SHOWN_UNKNOWN_COLUMNS) + "列");
                }
            } else if (columnSet.dropped().contains(name)) {
                droppedColumns.add(name);
            }
        }
        headerNames = names;
        if (!duplicates.isEmpty()) {
            throw new FileRefusedException(1, "ヘッダに同じ列名が複数あります: " + String.join("、", duplicates));
        }
        List<String> missing = columnSet.required().stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new FileRefusedException(1, "必須の列がありません: " + String.join("、", missing));
        }
        for (List<String> oneOf : columnSet.requiredOneOf()) {
            if (oneOf.stream().noneMatch(columns::containsKey)) {
                throw new FileRefusedException(1, "次の列のいずれかが必要です: " + String.join("、", oneOf));
            }
        }
        for (String name : columnSet.known()) {
            Integer place = columns.get(name);
            if (place != null) {
                knownColumns.put(name, place);
            }
        }
    }

    private static int unknownCount(String[] header, ColumnSet columnSet) {
        int n = 0;
        for (String name : header) {
            String trimmed = Text.trim(name);
            if (!trimmed.isEmpty() && !columnSet.known().contains(trimmed)) {
                n++;
            }
        }
        return n;
    }
    /**
     * A column name the format does not know, fit to show in a report: at most {@value #SHOWN_NAME_CHARS}
     * characters (then "…"), without control characters, commas or quotes, and with a leading formula
     * character ({@code = + - @}) taken off, so the name cannot act in a spreadsheet or split a list.
     */
    public static String shownColumnName(String name) {
        StringBuilder out = new StringBuilder(SHOWN_NAME_CHARS + 1);
        int i = 0;
        for (; i < name.length() && out.length() < SHOWN_NAME_CHARS; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == ',' || c == '"' || c == '\'' || c == '、') {
                continue;
            }
            if (out.isEmpty() && (c == '=' || c == '+' || c == '-' || c == '@' || Character.isWhitespace(c))) {
                continue;
            }
            out.append(c);
        }
        if (i < name.length()) {
            while (!out.isEmpty() && Character.isWhitespace(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('…');
        }
        return out.isEmpty() ? "（表示できない列名）" : out.toString();
    }

    public Charset encoding() {
        return encoding;
    }

    public List<String> unknownColumns() {
        return unknownColumns;
    }

    public List<String> droppedColumns() {
        return droppedColumns;
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** SHA-256 of the bytes read so far (the whole file once all rows were read). */
    public String sha256() {
        return HexFormat.of().formatHex(digest.getMessageDigest().digest());
    }

    /** The data rows in file order, blank lines left out. Read once. */
    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private Row peeked;

            @Override
            public boolean hasNext() {
                while (peeked == null) {
                    String[] record;
                    try {
                        record = nextRecord();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (record == null) {
                        return false;
                    }
                    boolean blank = record.length == 1 && record[0].isBlank();
                    if (!blank) {
                        peeked = new Row(recordLine, record);
                    }
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = peeked;
                peeked = null;
                return row;
            }
        };
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One data row: its line number in the file (the header is line 1) and its fields by column name. */
    public final class Row {
        private final int line;
        private final String[] fields;

        Row(int line, String[] fields) {
            this.line = line;
            this.fields = fields;
        }

        public int line() {
            return line;
        }

        /** The row's fields in file order. */
        List<String> fields() {
            return List.of(fields);
        }

        /** The raw field of a column, "" when the column is absent or the row is short. */
        public String get(String column) {
            Integer index = knownColumns.get(column);
            if (index == null) {
                index = columns.get(column);
            }
            return index == null || index >= fields.length ? "" : fields[index];
        }
    }

    // ---- the fields, split and checked in one pass over the decoded characters

    /** The next record's fields (a blank line is one empty field), or null at the end of the file. */
    private String[] nextRecord() throws IOException {
        if (!available()) {
            return null;
        }
        recordLine = line;
        column = 0;
        headerChars = 0;
        values.clear();
        while (true) {
            fieldLength = 0;
            int end = buffer[position] == '"' ? quoted() : plain();
            values.add(new String(field, 0, fieldLength));
            if (end != COMMA) {
                break;
            }
            column++;
            if (column >= MAX_COLUMNS) {
                throw new FileRefusedException(recordLine, "列が多すぎます（" + MAX_COLUMNS + "列まで）");
            }
            if (!available()) {
                values.add(""); // a comma just before the end of the file: one more, empty field
                break;
            }
        }
        header = false;
        return values.toArray(new String[0]);
    }

    /** A field that does not start with a quote (quotes inside it are characters): what ended it. */
    private int plain() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return END_OF_FILE;
            }
            char[] b = buffer;
            int at = position;
            int end = limit;
            while (at < end && plainCharacter(b[at])) {
                at++;
            }
            take(at - position);
            if (at == end) {
                continue;
            }
            char c = b[position++];
            int ending = ending(c);
            if (ending != NOT_AN_END) {
                return ending;
            }
            takeOne(c); // a tab, a quote
        }
    }

    /** A quoted field, from its opening quote to what follows the closing one. */
    private int quoted() throws IOException {
        position++; // the opening quote
        boolean afterCr = false;
        while (true) {
            if (position == limit && !fill()) {
                throw new FileRefusedException(recordLine,
                        "引用符（\"）が閉じられていません（この行の項目の引用符に対応する閉じ引用符がありません）");
            }
            char[] b = buffer;
            int at = position;
            int end = limit;
            while (at < end && quotedCharacter(b[at])) {
                at++;
            }
            if (at > position) {
                take(at - position);
                afterCr = false;
            }
            if (at == end) {
                continue;
            }
            char c = b[position++];
            if (c == '"') {
                if (available() && buffer[position] == '"') {
                    position++;
                    takeOne('"');
                    afterCr = false;
                    continue;
                }
                return afterClosingQuote();
            }
            if (control(c)) {
                throw refuse(CONTROL_CHARACTER);
            }
            if (c == '\r' || c == '\n' && !afterCr) {
                line++; // a line break inside quotes is the field's, and a line of the file
            }
            afterCr = c == '\r';
            takeOne(c);
        }
    }

    /** After a closing quote only white space may come before the comma or the line's end (as Commons CSV reads it). */
    private int afterClosingQuote() throws IOException {
        while (available()) {
            char c = buffer[position++];
            int ending = ending(c);
            if (ending != NOT_AN_END) {
                return ending;
            }
            if (!Character.isWhitespace(c)) {
                throw new FileRefusedException(recordLine, BAD_QUOTES);
            }
        }
        return END_OF_FILE;
    }

    /** What a character read outside quotes ends: the field, the record, or nothing. A control character refuses the file. */
    private int ending(char c) throws IOException {
        if (c == ',') {
            return COMMA;
        }
        if (c == '\n' || c == '\r') {
            lineBreak(c);
            return LINE_BREAK;
        }
        if (control(c)) {
            throw refuse(CONTROL_CHARACTER);
        }
        return NOT_AN_END;
    }

    /** A line break read: CRLF is one, so an LF right after a CR is taken with it. */
    private void lineBreak(char c) throws IOException {
        line++;
        if (c == '\r' && available() && buffer[position] == '\n') {
            position++;
        }
    }

    /** Neither a comma, a quote, a line break nor a control character (tab included): the common case, taken in runs. */
    private static boolean plainCharacter(char c) {
        return c >= ' ' && c != ',' && c != '"' && (c < 0x7f || c > 0x9f);
    }

    /** Inside quotes a comma is a character too. */
    private static boolean quotedCharacter(char c) {
        return c >= ' ' && c != '"' && (c < 0x7f || c > 0x9f);
    }

    /** A control character a field may not hold: all but the tab and the line breaks. */
    private static boolean control(char c) {
        return Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n';
    }

    /** Adds the {@code n} characters before {@code position} to the field, refusing the file at a cap. */
    private void take(int n) {
        if (n == 0) {
            return;
        }
        int from = position;
        grow(n);
        System.arraycopy(buffer, from, field, fieldLength - n, n);
        position = from + n;
    }

    private void takeOne(char c) {
        grow(1);
        field[fieldLength - 1] = c;
    }

    /** Makes room for {@code n} more characters of the field: a cap passed refuses the file, naming which cap first. */
    private void grow(int n) {
        if (header) {
            int toName = MAX_COLUMN_NAME_CHARS - fieldLength;
            int toHeader = MAX_HEADER_CHARS - headerChars;
            if (n > toName && toName <= toHeader) {
                throw new FileRefusedException(recordLine, (column + 1) + "列目の列名が長すぎます（" + MAX_COLUMN_NAME_CHARS + "文字まで）");
            }
            if (n > toHeader) {
                throw new FileRefusedException(recordLine, "ヘッダ行が長すぎます（" + MAX_HEADER_CHARS + "文字まで）");
            }
            headerChars += n;
        } else if (n > MAX_FIELD_CHARS - fieldLength) {
            throw refuse("項目が長すぎます（" + MAX_FIELD_CHARS + "文字まで）");
        }
        fieldLength += n;
    }

    private FileRefusedException refuse(String reason) {
        return new FileRefusedException(recordLine, "［" + columnLabel() + "］" + reason);
    }

    /** The column by its name when the format knows it, else by its place: never a name the file made up. */
    private String columnLabel() {
        if (header) {
            return "ヘッダ " + (column + 1) + "列目";
        }
        String name = column < headerNames.size() ? headerNames.get(column) : null;
        return name != null && known.contains(name) ? name : (column + 1) + "列目";
    }

    /** True when a character is there to read (decoding more of the file if needed). */
    private boolean available() throws IOException {
        return position < limit || fill();
    }

    /**
     * Decodes the next characters of the file, strictly: false at the end. Characters before a byte that does not
     * decode are handed out first; the refusal comes at the next fill, naming the line the byte is on.
     */
    private boolean fill() throws IOException {
        if (drained) {
            return false;
        }
        chars.clear();
        try {
            while (true) {
                if (!endOfBytes) {
                    bytes.compact();
                    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (read < 0) {
                        endOfBytes = true;
                    } else {
                        bytes.position(bytes.position() + read);
                    }
                    bytes.flip();
                }
                CoderResult result = decoder.decode(bytes, chars, endOfBytes);
                if (result.isError()) {
                    if (chars.position() > 0) {
                        return true;
                    }
                    try {
                        result.throwException();
                    } catch (CharacterCodingException e) {
                        throw new FileRefusedException(line, encoding.name() + " として読めないバイトがあります。文字コードを確認してください");
                    }
                }
                if (endOfBytes && result.isUnderflow()) {
                    decoder.flush(chars);
                    drained = true; // the next fill has nothing more to give
                    return chars.position() > 0;
                }
                if (chars.position() > 0) {
                    return true;
                }
            }
        } finally {
            chars.flip();
            position = 0;
            limit = chars.limit();
        }
    }
}
