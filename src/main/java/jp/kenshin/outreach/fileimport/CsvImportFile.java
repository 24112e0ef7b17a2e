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
 */
public final class CsvImportFile implements AutoCloseable, Iterable<CsvImportFile.Row> {

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
        this.reader = new LineCountingReader(in, encoding);
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
                duplicates.add(name);
            }
            if (!columnSet.known().contains(name)) {
                unknownColumns.add(name);
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
        private boolean eof;
        private int newlines;

        LineCountingReader(InputStream in, Charset charset) {
            this.in = in;
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
                    return -1;
                }
            }
            int n = Math.min(length, chars.remaining());
            chars.get(target, offset, n);
            for (int i = offset; i < offset + n; i++) {
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
}
