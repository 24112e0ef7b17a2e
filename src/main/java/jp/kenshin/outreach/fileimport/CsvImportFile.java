package jp.kenshin.outreach.fileimport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one CSV file of the ward's systems (RFC 4180, CRLF or LF) as a stream of rows, without
 * holding the file in memory. A UTF-8 byte order mark means UTF-8; otherwise the given encoding
 * is used, strictly: a byte sequence that does not decode refuses the file with its line number.
 * Columns are found by their header name, in any order.
 * <p>
 * Hostile files are refused while they stream in, before any field is held whole (see {@link FieldGuard}):
 * a field over {@value #MAX_FIELD_CHARS} characters, a header over {@value #MAX_HEADER_CHARS} characters
 * or a column name over {@value #MAX_COLUMN_NAME_CHARS}, more than {@value #MAX_COLUMNS} columns, a control
 * character (NUL and the like; tab and line breaks are allowed), and a quote that is never closed. Each
 * refusal names the line and the column (by its name when it is one of the format's, else by its place),
 * never the content. Column names the format does not know are reported shortened and cleaned
 * ({@link #shownColumnName}).
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

    private final DigestInputStream digest;
    private final LineCountingReader reader;
    private final CSVParser parser;
    private final Charset encoding;
    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private final List<String> unknownColumns = new ArrayList<>();
    private final List<String> droppedColumns = new ArrayList<>();
    private long lastEndLine;

    private CsvImportFile(InputStream raw, Charset givenEncoding, ColumnSet columnSet) throws IOException {
        try {
            this.digest = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        BufferedInputStream in = new BufferedInputStream(digest, 1 << 16);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        if (!bom) {
            in.reset();
        }
        this.encoding = bom ? StandardCharsets.UTF_8 : givenEncoding;
        this.reader = new LineCountingReader(in, encoding, new FieldGuard(columnSet.known()));
        this.parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get().parse(reader);
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

    private void readHeader(ColumnSet columnSet) {
        Iterator<CSVRecord> records = parser.iterator();
        if (!nextRecord(records)) {
            throw new FileRefusedException(1, "ヘッダ行がありません（空のファイルです）");
        }
        CSVRecord header;
        try {
            header = records.next();
        } catch (UncheckedIOException e) {
            throw rethrow(e.getCause());
        }
        lastEndLine = parser.getCurrentLineNumber();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = Text.trim(header.get(i));
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
    }

    private static int unknownCount(CSVRecord header, ColumnSet columnSet) {
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

    private boolean nextRecord(Iterator<CSVRecord> records) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw rethrow(e.getCause());
        }
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

    @Override
    public Iterator<Row> iterator() {
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            private Row peeked;

            @Override
            public boolean hasNext() {
                while (peeked == null && nextRecord(records)) {
                    CSVRecord record;
                    try {
                        record = records.next();
                    } catch (UncheckedIOException e) {
                        throw rethrow(e.getCause());
                    }
                    int line = (int) lastEndLine + 1;
                    lastEndLine = parser.getCurrentLineNumber();
                    boolean blank = record.size() == 1 && record.get(0).isBlank();
                    if (!blank) {
                        peeked = new Row(line, record);
                    }
                }
                return peeked != null;
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
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuntimeException rethrow(Throwable e) {
        if (e instanceof CharacterCodingException) {
            return new FileRefusedException(reader.line(),
                    encoding.name() + " として読めないバイトがあります。文字コードを確認してください");
        }
        if (e instanceof org.apache.commons.csv.CSVException) {
            // Commons CSV's own syntax errors (a character after a closing quote, say): the line, not the message (it may quote)
            return new FileRefusedException((int) lastEndLine + 1,
                    "CSVの書式が正しくありません（引用符 \" の使い方を確認してください）");
        }
        if (e instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    /** One data row: its line number in the file (the header is line 1) and its fields by column name. */
    public final class Row {
        private final int line;
        private final CSVRecord record;

        Row(int line, CSVRecord record) {
            this.line = line;
            this.record = record;
        }

        public int line() {
            return line;
        }

        /** The raw field of a column, "" when the column is absent or the row is short. */
        public String get(String column) {
            Integer index = columns.get(column);
            return index == null || index >= record.size() ? "" : record.get(index);
        }
    }

    /** A reader that decodes strictly and counts the line breaks it hands out. */
    static final class LineCountingReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        private final CharBuffer chars = CharBuffer.allocate(1 << 16);
        private final FieldGuard guard;
        private boolean eof;
        private int newlines;

        LineCountingReader(InputStream in, Charset charset, FieldGuard guard) {
            this.in = in;
            this.guard = guard;
            this.decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            bytes.flip();
            chars.flip();
        }

        /** The line the reader is on: line breaks handed out so far, plus one. */
        int line() {
            return newlines + 1;
        }

        @Override
        public int read(char[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (!fill()) {
                    guard.end();
                    return -1;
                }
            }
            int n = Math.min(length, chars.remaining());
            chars.get(target, offset, n);
            for (int i = offset; i < offset + n; i++) {
                guard.accept(target[i]);
                if (target[i] == '\n') {
                    newlines++;
                }
            }
            return n;
        }

        private boolean fill() throws IOException {
            chars.clear();
            try {
                while (true) {
                    if (!eof) {
                        bytes.compact();
                        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                        if (read < 0) {
                            eof = true;
                        } else {
                            bytes.position(bytes.position() + read);
                        }
                        bytes.flip();
                    }
                    CoderResult result = decoder.decode(bytes, chars, eof);
                    if (result.isError()) {
                        if (chars.position() > 0) {
                            return true; // hand out the good characters first; the error comes on the next fill
                        }
                        result.throwException();
                    }
                    if (eof) {
                        decoder.flush(chars);
                        return chars.position() > 0;
                    }
                    if (chars.position() > 0) {
                        return true;
                    }
                }
            } finally {
                chars.flip();
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * Follows the CSV syntax (RFC 4180 as Commons CSV reads it) character by character as the characters are
     * handed to the parser, and refuses the file the moment a limit is passed: before Commons CSV has collected
     * a long field, a long header or many columns, and without ever quoting what it saw. The line it names is
     * the line the record starts on (the line the import report gives a row).
     */
    static final class FieldGuard {
        private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

        private final java.util.Set<String> known;
        private final List<String> headerNames = new ArrayList<>();
        private final StringBuilder headerField = new StringBuilder();
        private State state = State.FIELD_START;
        private int line = 1;
        private int recordLine = 1;
        private int quoteLine;
        private int column;
        private int fieldChars;
        private int recordChars;
        private boolean header = true;
        private boolean afterCr;

        FieldGuard(java.util.Set<String> known) {
            this.known = known;
        }

        void accept(char c) {
            if (c > '"' && c != ',' && (c < 0x7f || c > 0x9f) && !header && fieldChars < MAX_FIELD_CHARS) {
                // most characters of a data row: no control, quote, comma or line break, so they only add to the field
                // (kept this short so that the compiler inlines it into the reading loop)
                afterCr = false;
                if (state != State.QUOTED) {
                    state = State.UNQUOTED;
                }
                fieldChars++;
            } else {
                acceptAny(c);
            }
        }

        private void acceptAny(char c) {
            if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
                throw refuse("制御文字（NULなど）が含まれています");
            }
            boolean crlf = afterCr && c == '\n';
            afterCr = c == '\r';
            switch (state) {
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        character(c);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTED;
                        character(c);
                    } else {
                        state = State.UNQUOTED;
                        outside(c, crlf);
                    }
                }
                default -> outside(c, crlf);
            }
            if (c == '\n') {
                line++;
            }
        }

        private void outside(char c, boolean crlf) {
            if (c == ',') {
                endField();
                column++;
                if (column >= MAX_COLUMNS) {
                    throw new FileRefusedException(recordLine, "列が多すぎます（" + MAX_COLUMNS + "列まで）");
                }
            } else if (c == '\r' || c == '\n') {
                if (!crlf) {
                    endField();
                    header = false;
                    column = 0;
                    recordChars = 0;
                }
                recordLine = line + (c == '\n' ? 1 : 0);
                state = State.FIELD_START;
            } else if (c == '"' && state == State.FIELD_START) {
                state = State.QUOTED;
                quoteLine = recordLine;
            } else {
                state = State.UNQUOTED;
                character(c);
            }
        }

        private void character(char c) {
            fieldChars++;
            if (header) {
                recordChars++;
                if (fieldChars > MAX_COLUMN_NAME_CHARS) {
                    throw new FileRefusedException(recordLine, (column + 1) + "列目の列名が長すぎます（" + MAX_COLUMN_NAME_CHARS + "文字まで）");
                }
                if (recordChars > MAX_HEADER_CHARS) {
                    throw new FileRefusedException(recordLine, "ヘッダ行が長すぎます（" + MAX_HEADER_CHARS + "文字まで）");
                }
                headerField.append(c);
            } else if (fieldChars > MAX_FIELD_CHARS) {
                throw refuse("項目が長すぎます（" + MAX_FIELD_CHARS + "文字まで）");
            }
        }

        private void endField() {
            if (header) {
                headerNames.add(Text.trim(headerField.toString()));
                headerField.setLength(0);
            }
            fieldChars = 0;
            if (state != State.QUOTED) {
                state = State.FIELD_START;
            }
        }

        /** At the end of the input: a quote still open never closed. */
        void end() {
            if (state == State.QUOTED) {
                throw new FileRefusedException(quoteLine, "引用符（\"）が閉じられていません（この行の項目の引用符に対応する閉じ引用符がありません）");
            }
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
    }
}
