package jp.kenshin.outreach.compliance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The scan that proves a fiscal year's deletion: every text and byte column of every table (the application's
 * and the engine's) is read once, table by table (a large table in parts of {@value #PART_BLOCKS} blocks, so that both
 * threads share it), each in its own short read-only transaction through a binary COPY of a query, and every value
 * read goes through one multi-pattern matcher (Aho-Corasick) built once
 * from the year's personal values. Its cost grows with the size of the data plus the number of values, not
 * their product; it takes no lock but a table's share lock while that table is read, so other work goes on.
 * It reports table and column names only, never a value.
 */
@Component
public class YearScan {

    /** Values this short are only found as a whole column value; longer ones anywhere inside a text. */
    static final int MIN_CONTAINED_LENGTH = 4;
    /** A table whose scan takes this long is named in the log with its rows and bytes (names and counts only). */
    private static final long SLOW_TABLE_MILLIS = 300;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(YearScan.class);
    /** Tables read at once. */
    private static final int SCAN_THREADS = 2;

    /** Where the scan stands: tables read of all, columns, rows read. */
    public record Progress(int tablesDone, int tablesTotal, int columns, long rowsScanned) {
    }

    public interface Listener {
        void tableDone(String table, Progress progress);
    }

    /** What the scan read, and the columns ("table.column") where a value was found. */
    public record Result(int values, int tables, int columns, long rows, List<String> found) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public YearScan(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** The base tables of the schema with their text, varchar, char and bytea columns. */
    public Map<String, List<Column>> columns() {
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        jdbc.query("""
                select c.table_name, c.column_name, c.data_type = 'bytea' from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                  and c.data_type in ('text', 'character varying', 'character', 'bytea')
                order by c.table_name, c.ordinal_position""",
                rs -> {
                    tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new Column(rs.getString(2), rs.getBoolean(3)));
                });
        return tables;
    }

    public record Column(String name, boolean bytes) {
    }

    public Result scan(Collection<String> values, Set<String> skipTables, Listener listener) {
        return scan(new Matcher(values), skipTables, listener);
    }

    /** The scan with a matcher built before (the deletion builds it while the engine's history is purged). */
    Result scan(Matcher matcher, Set<String> skipTables, Listener listener) {
        ShippedResources shipped = new ShippedResources();
        Map<String, List<Column>> tables = columns();
        tables.keySet().removeAll(skipTables);
        int columnCount = tables.values().stream().mapToInt(List::size).sum();
        // each table's size with its TOAST and indexes (the order), and its heap's blocks (its parts)
        Map<String, long[]> sizes = new java.util.HashMap<>();
        jdbc.query("select c.relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid) / current_setting('block_size')::bigint"
                + " from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'", rs -> {
                    sizes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        // the largest first, two parts at a time: the database reads one while the matcher works through the other. A
        // table of more than partBlocks blocks is read in parts by block range, so that the member table of a large
        // ward (most of the scan's work) is read on both threads, not one
        List<Part> parts = new ArrayList<>();
        Map<String, java.util.concurrent.atomic.AtomicInteger> partsLeft = new java.util.HashMap<>();
        for (String table : tables.keySet()) {
            long[] size = sizes.getOrDefault(table, new long[] {0, 0});
            List<Part> own = Part.of(table, size[1], partBlocks, size[0]);
            parts.addAll(own);
            partsLeft.put(table, new java.util.concurrent.atomic.AtomicInteger(own.size()));
        }
        parts.sort(java.util.Comparator.comparingLong(Part::weight).reversed());
        Map<String, Set<String>> hits = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong rowsRead = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(SCAN_THREADS);
        try {
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < SCAN_THREADS; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < parts.size(); i = next.getAndIncrement()) {
                        Part part = parts.get(i);
                        Set<String> tableHits = hits.computeIfAbsent(part.table(), t -> java.util.concurrent.ConcurrentHashMap.newKeySet());
                        long read = scanPart(part, tables.get(part.table()), matcher, shipped, tableHits);
                        rowsRead.addAndGet(read);
                        if (partsLeft.get(part.table()).decrementAndGet() == 0) {
                            synchronized (listener) {
                                listener.tableDone(part.table(), new Progress(done.incrementAndGet(), tables.size(), columnCount,
                                        rowsRead.get()));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> worker : workers) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("消去の走査が中断されました");
        } finally {
            pool.shutdownNow();
        }
        long rows = rowsRead.get();
        List<String> found = new ArrayList<>();
        hits.values().forEach(found::addAll);
        java.util.Collections.sort(found);
        return new Result(matcher.size(), tables.size(), columnCount, rows, found);
    }

    /** Heap blocks of a table read as one part (8 kB blocks: 32 MB). */
    static final long PART_BLOCKS = 4_096;

    private volatile long partBlocks = PART_BLOCKS;

    /** Test hook: parts of fewer blocks, so that a small table is read in parts. */
    void partBlocks(long blocks) {
        this.partBlocks = blocks;
    }

    /**
     * A table, or a range of its heap's blocks: from {@code fromBlock} (inclusive) to {@code toBlock} (exclusive; -1 for
     * the end of the table, so that rows added at its end while it is read are read too). {@code weight} orders the
     * parts, largest first.
     */
    record Part(String table, long fromBlock, long toBlock, long weight) {

        static List<Part> of(String table, long blocks, long partBlocks, long totalBytes) {
            if (blocks <= partBlocks) {
                return List.of(new Part(table, 0, -1, totalBytes));
            }
            int count = (int) ((blocks + partBlocks - 1) / partBlocks);
            List<Part> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(new Part(table, i * partBlocks, i == count - 1 ? -1 : (i + 1) * partBlocks, totalBytes / count));
            }
            return parts;
        }

        boolean whole() {
            return fromBlock == 0 && toBlock < 0;
        }

        /** The condition on the row's place (PostgreSQL reads only those blocks: a TID range scan), or none. */
        String where() {
            if (whole()) {
                return "";
            }
            return " where ctid >= '(" + fromBlock + ",0)'::tid" + (toBlock < 0 ? "" : " and ctid < '(" + toBlock + ",0)'::tid");
        }
    }

    /**
     * Reads one table's text and byte columns (or a part of them, by block range) as PostgreSQL's binary COPY of a query
     * streams them (each value as its bytes, text in UTF-8 and bytea raw: nothing escaped, nothing to decode but the
     * text), in a read-only transaction that holds only the table's share lock while it runs, and gives every value to
     * the matcher. The parts of a table are read each in a snapshot of its own, as the tables are: the year's rows are no
     * longer written once the year is closed, and a row of another year that an update moves to another block meanwhile
     * holds no value of this year unless it held one before.
     */
    private long scanPart(Part part, List<Column> columns, Matcher matcher, ShippedResources shipped, Set<String> found) {
        String table = part.table();
        StringBuilder sql = new StringBuilder("copy (select ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).name().replace("\"", "\"\"")).append('"');
        }
        sql.append(" from \"").append(table.replace("\"", "\"\"")).append('"').append(part.where()).append(") to stdout (format binary)");
        boolean[] hit = new boolean[columns.size()];
        for (int i = 0; i < hit.length; i++) {
            hit[i] = found.contains(table + "." + columns.get(i).name()); // another part found it already
        }
        long rows = 0;
        long started = System.nanoTime();
        long bytesRead = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (var lockTimeout = connection.createStatement()) {
                // a table locked by DDL is not waited for long: the step fails naming it and is retried
                lockTimeout.execute("set local lock_timeout = '5s'");
            }
            int name = index(columns, "name_");
            int deployment = index(columns, "deployment_id_");
            int bytes = index(columns, "bytes_");
            boolean resources = table.equalsIgnoreCase("act_ge_bytearray") && name >= 0 && deployment >= 0 && bytes >= 0;
            byte[][] row = new byte[columns.size()][];
            try (BinaryCopyReader in = new BinaryCopyReader(new org.postgresql.copy.PGCopyInputStream(
                    connection.unwrap(org.postgresql.PGConnection.class), sql.toString()), columns.size())) {
                while (in.next(row)) {
                    rows++;
                    if (resources && row[deployment] != null
                            && shipped.contains(row[name] == null ? null : new String(row[name], StandardCharsets.UTF_8), row[bytes])) {
                        continue; // the product's own process file, as the jar holds it: not data
                    }
                    for (int i = 0; i < hit.length; i++) {
                        if (hit[i] || row[i] == null) {
                            continue;
                        }
                        hit[i] = columns.get(i).bytes() ? matcher.matchesBytes(row[i]) : matcher.matchesUtf8Text(row[i]);
                    }
                }
                bytesRead = in.bytesRead();
            } catch (java.io.IOException e) {
                throw new SQLException("COPY of " + table + " failed", e.getCause() instanceof SQLException q ? q.getSQLState() : "58030");
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // table name only: the driver's message could quote a value
            throw new IllegalStateException("消去の走査で表 " + table + " を読めませんでした（SQLState " + e.getSQLState() + "）");
        }
        for (int i = 0; i < hit.length; i++) {
            if (hit[i]) {
                found.add(table + "." + columns.get(i).name());
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis >= SLOW_TABLE_MILLIS) {
            log.info("Deletion scan: table {}{}, {} columns, {} rows, {} kB in {} ms", table,
                    part.whole() ? "" : " blocks " + part.fromBlock() + "-" + (part.toBlock() < 0 ? "end" : part.toBlock()),
                    columns.size(), rows, bytesRead >> 10, millis);
        }
        return rows;
    }

    /**
     * PostgreSQL's binary COPY format, read row by row: the signature and header, then per row a 16-bit field
     * count and per field a 32-bit length (-1 for NULL) and that many bytes; a field count of -1 ends the data.
     */
    static final class BinaryCopyReader implements AutoCloseable {
        private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
        private final java.io.InputStream raw;
        private final java.io.DataInputStream in;
        private final int fields;
        private boolean ended;
        private long bytes;

        BinaryCopyReader(java.io.InputStream raw, int fields) throws java.io.IOException {
            this.raw = raw;
            this.in = new java.io.DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
            this.fields = fields;
            byte[] signature = new byte[SIGNATURE.length];
            in.readFully(signature);
            if (!java.util.Arrays.equals(signature, SIGNATURE)) {
                throw new java.io.IOException("not a binary COPY stream");
            }
            in.readInt(); // flags: no OIDs since PostgreSQL 12
            in.skipNBytes(in.readInt()); // the header extension, none so far
        }

        /** Reads the next row into {@code row} (null for NULL); false at the end of the data. */
        boolean next(byte[][] row) throws java.io.IOException {
            if (ended) {
                return false;
            }
            short count = in.readShort();
            if (count == -1) {
                ended = true;
                while (in.read() != -1) {
                    // to the end of the COPY, so that closing the stream need not cancel it
                }
                return false;
            }
            if (count != fields) {
                throw new java.io.IOException("a row of " + count + " fields where " + fields + " were asked for");
            }
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0) {
                    row[i] = null;
                } else {
                    byte[] value = new byte[length];
                    in.readFully(value);
                    row[i] = value;
                    bytes += length;
                }
            }
            return true;
        }

        /** The bytes of the values read so far. */
        long bytesRead() {
            return bytes;
        }

        @Override
        public void close() throws java.io.IOException {
            // an unfinished COPY is ended by closing its stream (the transaction is rolled back after)
            raw.close();
        }
    }

    private static int index(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The process files the application ships ({@code bpmn/...} on the classpath), each read once per scan, however
     * many deployments hold it. A deployed resource that is byte for byte the shipped file of its name is the product,
     * not data, and its standard namespaces hold dates (DMN's {@code 20191111}, BPMN's {@code 20100524}) that a ward
     * of 75,000 members has as birth dates. Any other deployed resource (a model deployed by hand or over REST) is
     * scanned like everything else.
     */
    static final class ShippedResources {

        private final Map<String, java.util.Optional<byte[]>> files = new java.util.concurrent.ConcurrentHashMap<>();

        boolean contains(String name, byte[] content) {
            if (name == null || content == null || !name.startsWith("bpmn/") || name.contains("..")) {
                return false;
            }
            return files.computeIfAbsent(name, ShippedResources::read).map(shipped -> java.util.Arrays.equals(shipped, content))
                    .orElse(false);
        }

        /** How many names were looked up on the classpath (once each). */
        int namesRead() {
            return files.size();
        }

        private static java.util.Optional<byte[]> read(String name) {
            try (java.io.InputStream in = YearScan.class.getClassLoader().getResourceAsStream(name)) {
                return in == null ? java.util.Optional.empty() : java.util.Optional.of(in.readAllBytes());
            } catch (java.io.IOException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * One matcher for all values: a value of {@value #MIN_CONTAINED_LENGTH} characters or more is found anywhere
     * inside a text (a value of digits only not inside a longer run of digits, so that a postal code is not
     * "found" inside an id); shorter values only as a whole column value. Byte columns are matched on the
     * bytes decoded as UTF-8.
     */
    static final class Matcher {
        private final ValueAutomaton text;
        /** By the automaton's value index: a value of digits and hyphens only. */
        private final java.util.BitSet numeric;
        /** The values shorter than {@value YearScan#MIN_CONTAINED_LENGTH}: found only as a whole column value. */
        private final Set<String> shortValues;
        private final int size;

        Matcher(Collection<String> values) {
            this(Values.of(values));
        }

        /**
         * A matcher over gathered values: sorted, the short ones in a set of their own, the others in the automaton. No
         * set of all values is kept: a whole column value is found by the automaton as a hit that spans it.
         */
        Matcher(Values values) {
            String[] all = values.sorted();
            this.size = all.length;
            this.shortValues = new HashSet<>();
            // one pass (each value read once: at a large ward, millions of strings spread over the heap)
            numeric = new java.util.BitSet(all.length);
            int n = 0;
            for (String value : all) {
                if (value.length() >= MIN_CONTAINED_LENGTH) {
                    if (digitsAndHyphens(value)) {
                        numeric.set(n);
                    }
                    all[n++] = value; // in place: the sorted order stays
                } else {
                    shortValues.add(value);
                }
            }
            String[] contained = Arrays.copyOf(all, n);
            // one automaton for text and bytes, in flat arrays (see ValueAutomaton)
            this.text = new ValueAutomaton(contained);
        }

        /**
         * The year's values as they are gathered: stripped, without blanks, each once. Half of what a ward gives are
         * repeats (a household's address, a common family name, a shared birthday): dropping them as they come costs
         * less than sorting them (measured on 200,000 members: 1,974,931 values given, 954,990 distinct).
         */
        static final class Values implements java.util.function.Consumer<String> {
            // given from two threads at once (the door reads the members' halves side by side)
            private Set<String> values;
            private final java.util.concurrent.atomic.LongAdder given = new java.util.concurrent.atomic.LongAdder();

            Values() {
                this(1 << 16);
            }

            /**
             * @param expected about how many distinct values will come: the set is made that large at once, since each
             *        doubling of a set of millions moves every entry while both reading threads wait on it
             */
            Values(int expected) {
                values = java.util.concurrent.ConcurrentHashMap.newKeySet(Math.max(16, expected));
            }

            static Values of(Collection<String> values) {
                Values out = new Values();
                values.forEach(out);
                return out;
            }

            @Override
            public void accept(String value) {
                if (value == null || value.isBlank()) {
                    return;
                }
                given.increment();
                values.add(value.strip());
            }

            /** How many were given, repeats counted. */
            long given() {
                return given.sum();
            }

            /** Each value once, in {@link String#compareTo} order; the values are given up. */
            String[] sorted() {
                String[] out = values.toArray(new String[0]);
                values = null;
                sortOnTwoThreads(out);
                return out;
            }

            /**
             * Sorts the halves side by side, then merges them: 4.4 million values of a ward of 1,100,000 took 4.8 s to sort
             * on one thread, while the deletion's other thread waited for them. ({@link Arrays#parallelSort} sorts on one
             * thread where the common pool has one, as on two cores.)
             */
            static void sortOnTwoThreads(String[] values) {
                if (values.length < TWO_THREAD_SORT) {
                    Arrays.sort(values);
                    return;
                }
                int middle = values.length / 2;
                java.util.concurrent.CompletableFuture<Void> first = java.util.concurrent.CompletableFuture.runAsync(
                        () -> Arrays.sort(values, 0, middle), runnable -> {
                            Thread thread = new Thread(runnable, "values-sort");
                            thread.setDaemon(true);
                            thread.start();
                        });
                Arrays.sort(values, middle, values.length);
                first.join();
                // the first half copied out, then merged back from the front: the merge never overtakes the second half
                String[] left = Arrays.copyOfRange(values, 0, middle);
                int i = 0;
                int j = middle;
                int k = 0;
                while (i < left.length && j < values.length) {
                    values[k++] = left[i].compareTo(values[j]) <= 0 ? left[i++] : values[j++];
                }
                while (i < left.length) {
                    values[k++] = left[i++];
                }
            }

            /** Fewer values than this are sorted on the calling thread alone. */
            static final int TWO_THREAD_SORT = 50_000;
        }

        private static boolean digitsAndHyphens(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
            return true;
        }

        int size() {
            return size;
        }

        boolean matchesText(String value) {
            if (value == null || value.isEmpty()) {
                return false;
            }
            return contains(value) || !shortValues.isEmpty() && shortValues.contains(value.strip());
        }

        /** A text column's value as the copy gives it, in UTF-8: what {@link #matchesText} says of its string. */
        boolean matchesUtf8Text(byte[] value) {
            return matchesUtf8(value, Integer.MAX_VALUE);
        }

        /**
         * A bytea column's value, decoded as UTF-8: text inside binary data (a serialized object, a file) reads as itself,
         * anything else becomes replacement characters, which no value contains. A short value counts only as the whole
         * of fewer than 64 bytes.
         */
        boolean matchesBytes(byte[] value) {
            return matchesUtf8(value, 64);
        }

        /**
         * Whether a value lies in these UTF-8 bytes as {@link #contains} finds it in their string, or a short value is
         * their whole (blanks aside) when they are fewer than {@code shortBelow}. The string is made only where the
         * automaton finds a value in the bytes (a number then has its bounds checked) or a short value may be the whole.
         */
        private boolean matchesUtf8(byte[] value, int shortBelow) {
            if (value == null || value.length == 0) {
                return false;
            }
            boolean occurs = text.occursInUtf8(value);
            boolean mayBeShort = value.length < shortBelow && !shortValues.isEmpty() && fewCharacters(value);
            if (!occurs && !mayBeShort) {
                return false;
            }
            String decoded = new String(value, StandardCharsets.UTF_8);
            // the string is searched again only where the bytes held a value (to check a number's bounds)
            return occurs && contains(decoded) || mayBeShort && shortValues.contains(decoded.strip());
        }

        /**
         * Whether these bytes may read as fewer than {@value YearScan#MIN_CONTAINED_LENGTH} characters once stripped (a
         * short value): not when they hold that many ASCII characters that are no blank, each of which stays. A keyed
         * hash of 32 bytes holds some 15, so it is not decoded only to be compared with the short values.
         */
        private static boolean fewCharacters(byte[] value) {
            int kept = 0;
            for (byte b : value) {
                if (b >= 0 && !Character.isWhitespace(b) && ++kept >= MIN_CONTAINED_LENGTH) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether a value lies in the text: one that is the whole text (blanks around it aside) always, a number
         * elsewhere only where it stands alone (see {@link #bounded}), anything else anywhere.
         */
        private boolean contains(String haystack) {
            int from = 0;
            int to = haystack.length();
            while (from < to && Character.isWhitespace(haystack.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(haystack.charAt(to - 1))) {
                to--;
            }
            if (to - from < MIN_CONTAINED_LENGTH) {
                return false;
            }
            int wholeFrom = from;
            int wholeTo = to;
            boolean[] found = {false};
            text.search(haystack, (start, end, v) -> found[0] = !numeric.get(v) || start == wholeFrom && end == wholeTo
                    || bounded(haystack, start, end));
            return found[0];
        }

        /**
         * A value of digits (and hyphens), found at [start, end), counts only where no digit stands right before or after
         * it, and not inside a run of {@value #DIGEST_LENGTH} or more hexadecimal characters: a digest or signature (the
         * audit log's hash, prev_hash and signature, an export's SHA-256), whose digits are a hash function's output. A
         * 64-digit hex digest holds a given run of 8 digits with a chance of about 1 in 10^7, so a year of 200,000
         * members (birth dates, insurance numbers) would be "found" in the audit log of any large ward.
         */
        private static boolean bounded(String haystack, int start, int end) {
            if (start > 0 && isDigit(haystack.charAt(start - 1)) || end < haystack.length() && isDigit(haystack.charAt(end))) {
                return false;
            }
            int from = start;
            while (from > 0 && isHex(haystack.charAt(from - 1))) {
                from--;
            }
            int to = end;
            while (to < haystack.length() && isHex(haystack.charAt(to))) {
                to++;
            }
            boolean insideDigest = to - from >= DIGEST_LENGTH && haystack.substring(start, end).chars()
                    .allMatch(c -> isHex((char) c));
            return !insideDigest && !insideUuid(haystack, start, end);
        }

        private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        /**
         * Whether the match lies inside a UUID (the engine's ids: the first eight characters of one are all digits about
         * once in 40, so a year's birth dates would be "found" in the engine's tables of any large ward).
         */
        private static boolean insideUuid(String haystack, int start, int end) {
            int from = Math.max(0, start - 36);
            int to = Math.min(haystack.length(), end + 36);
            java.util.regex.Matcher uuid = UUID.matcher(haystack.substring(from, to));
            while (uuid.find()) {
                if (from + uuid.start() <= start && from + uuid.end() >= end) {
                    return true;
                }
            }
            return false;
        }

        /** The shortest run of hexadecimal characters taken for a digest (MD5 is 32, SHA-256 and HMAC-SHA256 64). */
        static final int DIGEST_LENGTH = 32;

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHex(char c) {
            return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }
    }
}
