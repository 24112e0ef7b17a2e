package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.process.DataReturnAndDeletionVariables.DELETION_PROCESS_KEY;
import static jp.kenshin.outreach.process.ProcessVariables.FISCAL_YEAR;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jp.kenshin.outreach.YearData;
import jp.kenshin.outreach.audit.AuditAction;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.infrastructure.HistoryOfPurgedInstances;
import jp.kenshin.outreach.infrastructure.HistoryPurge;
import jp.kenshin.outreach.privacy.PersonalDataService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provision 7: the provable deletion of a fiscal year, in steps that each commit, so that a rerun after a crash
 * goes on from the step reached ({@code deletion_run}):
 * <ol>
 * <li>access ends (hand-over shut, designations ended), every process instance of the year still running is
 * cancelled with a reason and the engine's history of the year is purged;</li>
 * <li>every text and byte column of every table is scanned once for the year's personal values (gathered through
 * the door from the sealed rows, which hold them only as ciphertext): a value found anywhere stops the deletion
 * with the year whole (rows and key), naming the columns;</li>
 * <li>each capability deletes its rows of the year ({@link YearData}, in dependency order), in one transaction;</li>
 * <li>after that commit the year's files go, then, last, the key is destroyed and the certificate recorded.</li>
 * </ol>
 * It writes no SQL against another capability's table. A PostgreSQL advisory lock keeps two runs of the same year
 * from ever working at once.
 */
@Service
public class DeletionService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeletionService.class);

    /** The figures of a deletion certificate. */
    public record Certificate(int fiscalYear, Map<String, Long> counts, List<String> notPurged, Instant keyDestroyedAt,
            int scanValues, int scanColumns, long auditChainSeq, String auditChainHead, String issuedBy) {
    }

    /** Where a year's deletion stands (ids and counts only). */
    public record Progress(int fiscalYear, String step, int tablesDone, int tablesTotal, int columns, long rowsScanned,
            int scanValues, String finding) {
    }

    /** Told of each step and of each table scanned (e.g. to show the progress in Cockpit). */
    public interface Listener {
        void progress(Progress progress);
    }

    public static final String STARTED = "STARTED";
    public static final String CLOSED = "CLOSED";
    public static final String SCANNED = "SCANNED";
    public static final String ROWS_DELETED = "ROWS_DELETED";
    public static final String FILES_DELETED = "FILES_DELETED";
    public static final String KEY_DESTROYED = "KEY_DESTROYED";
    public static final String DONE = "DONE";

    static final String CANCEL_REASON = "年度データの消去（特記事項7）により終了";
    private static final int ENGINE_CHUNK = 200;
    /** Instances whose history one transaction purges (the engine deletes each history table's rows of them at once). */
    private static final int PURGE_CHUNK = 500;
    /** Root instances whose whole history one transaction purges (one statement a table, the ids as one array). */
    private static final int ROOT_CHUNK = 2_000;
    /** Threads that cancel or purge chunks of the year's instances at once (the cores of the machine this was measured on). */
    private static final int ENGINE_THREADS = 2;
    /**
     * Threads that purge the year's roots: one, since the purge is the database's work (one statement a table a chunk)
     * and the year's values are gathered meanwhile on the other core. At a large ward those values and the matcher are
     * the deletion's longest path, and a second purging thread took CPU from them (1,100,000 members: purge 10.4 s on two
     * threads while the gathering took 18.6 s and the build 7.7 s, against 8-12 s and 4-6 s alone).
     */
    private static final int ROOT_PURGE_THREADS = 1;
    private static final Set<String> NOT_SCANNED = Set.of("deletion_run");

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PersonalDataService door;
    private final HistoryService history;
    private final HistoryPurge historyPurge;
    private final RuntimeService runtime;
    private final AuditLog audit;
    private final List<YearData> capabilities;
    private final YearScan scan;
    private final TransactionTemplate transaction;
    private final DataSource dataSource;
    /** Test hook: called after each step commits (and inside the last transaction, just after the key is destroyed). */
    private volatile Consumer<String> afterStep = step -> {
    };

    public DeletionService(JdbcTemplate jdbc, PersonalDataService door, HistoryService history, RuntimeService runtime,
            AuditLog audit, List<YearData> capabilities, YearScan scan, PlatformTransactionManager transactions,
            DataSource dataSource, Clock clock, HistoryPurge historyPurge) {
        this.clock = clock;
        this.historyPurge = historyPurge;
        this.jdbc = jdbc;
        this.door = door;
        this.history = history;
        this.runtime = runtime;
        this.audit = audit;
        this.capabilities = capabilities.stream().sorted(Comparator.comparingInt(YearData::order).thenComparing(YearData::owner))
                .toList();
        this.scan = scan;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.dataSource = dataSource;
    }

    /** The capabilities' year data, in deletion order. */
    public List<YearData> capabilities() {
        return capabilities;
    }

    void afterStep(Consumer<String> hook) {
        this.afterStep = hook == null ? step -> {
        } : hook;
    }

    public Certificate destroy(int fiscalYear, String by, String deletionProcessInstanceId) {
        return destroy(fiscalYear, by, deletionProcessInstanceId, p -> {
        });
    }

    /**
     * Deletes the year, or goes on with a deletion an earlier run left unfinished. Must not run inside another
     * transaction or engine command: each step commits on its own.
     */
    public Certificate destroy(int fiscalYear, String by, String deletionProcessInstanceId, Listener listener) {
        if (door.isYearDestroyed(fiscalYear)) {
            throw new IllegalStateException(fiscalYear + " 年度のデータはすでに消去されています");
        }
        String[] doing = {"開始"};
        try (YearLock lock = YearLock.take(dataSource, fiscalYear)) {
            return run(fiscalYear, by, deletionProcessInstanceId, listener, doing);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // no cause kept: a database error's detail may quote a value, and the engine stores the stack trace
            throw new IllegalStateException(fiscalYear + " 年度の消去が「" + doing[0] + "」で止まりました: " + describe(e));
        }
    }

    private Certificate run(int fiscalYear, String by, String deletionProcessInstanceId, Listener listener, String[] doing) {
        String step = transaction.execute(status -> {
            jdbc.update("insert into deletion_run (fiscal_year, step) values (?, ?) on conflict do nothing", fiscalYear, STARTED);
            return jdbc.queryForObject("select step from deletion_run where fiscal_year = ?", String.class, fiscalYear);
        });
        if (!ROWS_DELETED.equals(step)) {
            // the year is whole still: count what it holds (again, so a rerun counts what an earlier try left)
            Timer timer = new Timer(fiscalYear);
            // access ends first (hand-over shut, designations ended: no count changes), so that nothing of the year
            // starts after its instances are found
            doing[0] = "権限の取消し";
            transaction.executeWithoutResult(status -> capabilities.forEach(c -> c.close(fiscalYear, by)));
            doing[0] = "件数の記録";
            // the capabilities' rows are counted before the values are read: the door's record of that read is not
            // among the year's audit records the certificate counts, however fast the read
            Map<String, Long> held = capabilityCounts(fiscalYear);
            // the year's values are gathered through the door, and the scan's matcher built, on a second thread while
            // the year's instances are found and their history goes: the one works in this JVM, the others in the database
            ExecutorService gatherer = Executors.newSingleThreadExecutor(
                    r -> new Thread(r, "deletion-" + fiscalYear + "-values"));
            YearScan.Matcher matcher;
            try {
                Future<YearScan.Matcher> gathered = gatherer.submit(() -> matcher(fiscalYear, held.getOrDefault("member", 0L)));
                List<HistoryPurge.Instance> instances = instancesOfYear(fiscalYear);
                Map<String, Long> counts = withEngineCounts(fiscalYear, held, instances);
                transaction.executeWithoutResult(status -> {
                    // what earlier tries cancelled and purged stays counted
                    parse(jdbc.queryForObject("select counts from deletion_run where fiscal_year = ? for update", String.class,
                            fiscalYear)).forEach((what, n) -> {
                                if (what.startsWith("engine.") && !what.equals("engine.processInstances")) {
                                    counts.put(what, n);
                                }
                            });
                    jdbc.update("update deletion_run set counts = ?, finding = null, updated_at = now() where fiscal_year = ?",
                            format(counts), fiscalYear);
                });
                timer.lap("counted");
                doing[0] = "ワークフロー履歴の消去";
                closeEngine(fiscalYear, instances, timer);
                step(fiscalYear, CLOSED, listener);
                doing[0] = "個人情報の値の収集";
                matcher = gathered.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause().getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("個人情報の値の収集が中断されました");
            } finally {
                gatherer.shutdownNow();
            }
            timer.lap("closed (values gathered meanwhile)");
            doing[0] = "全テーブルの走査";
            scan(fiscalYear, matcher, listener);
            timer.lap("scanned");
            step(fiscalYear, SCANNED, listener);
            transaction.executeWithoutResult(status -> {
                Map<String, Long> deleted = new LinkedHashMap<>();
                for (YearData capability : capabilities) {
                    doing[0] = "行の削除（" + capability.owner() + "）";
                    deleted.putAll(capability.delete(fiscalYear));
                    timer.lap("rows of " + capability.owner() + " deleted");
                }
                jdbc.update("update deletion_run set step = ?, updated_at = now() where fiscal_year = ?", ROWS_DELETED, fiscalYear);
            });
            timer.lap("rows deleted");
            step(fiscalYear, ROWS_DELETED, listener);
        }
        // only once the rows are committed: the year's files, then the key and the certificate
        Map<String, Long> files = new LinkedHashMap<>();
        for (YearData capability : capabilities) {
            doing[0] = "ファイルの削除（" + capability.owner() + "）";
            files.putAll(capability.deleteFiles(fiscalYear));
        }
        addCounts(fiscalYear, files);
        step(fiscalYear, FILES_DELETED, listener);
        doing[0] = "鍵の破棄と証明書の記録";
        Certificate certificate = transaction.execute(status -> finish(fiscalYear, by, deletionProcessInstanceId));
        step(fiscalYear, DONE, listener);
        return certificate;
    }

    /**
     * A failure as Cockpit and staff may see it: for a database error its SQLState and the names of the table,
     * column and constraint; never a value (PostgreSQL's detail text, which can quote one, is left out).
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                var m = p.getServerErrorMessage();
                return "データベースの誤り（SQLState " + p.getSQLState() + "、表 " + m.getTable() + "、列 " + m.getColumn() + "、制約 "
                        + m.getConstraint() + "）";
            }
            if (t instanceof java.sql.SQLException q) {
                return "データベースの誤り（SQLState " + q.getSQLState() + "）";
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** What still runs of the year is cancelled, and the engine's history of the year is purged. */
    private void closeEngine(int fiscalYear, List<HistoryPurge.Instance> instances, Timer timer) {
        List<String> running = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        List<String> notPurged = new ArrayList<>();
        for (HistoryPurge.Instance instance : instances) {
            if (DELETION_PROCESS_KEY.equals(instance.definitionKey())) {
                notPurged.add(instance.definitionKey() + ":" + instance.id() + "（この消去手続き自体の記録。年度と件数のみ）");
                continue;
            }
            if (instance.ended()) {
                ended.add(instance.id());
            } else if (instance.superId() == null) {
                running.add(instance.id()); // a called instance ends with the instance that called it
            } else {
                ended.add(instance.id());
            }
        }
        log.info("Deletion of fiscal year {}: {} running and {} ended process instances found", fiscalYear, running.size(),
                ended.size());
        cancel(chunks(running, ENGINE_CHUNK));
        timer.lap(running.size() + " process instances cancelled");
        Set<String> purge = new LinkedHashSet<>(running);
        purge.addAll(ended);
        // the year's roots go whole, by root (the engine's addressing of a root's history); an instance of the year
        // called by a root that is not purged (not the year's, or the deletion's own, which is never in purge) goes
        // through the engine's purge by id
        List<String> roots = new ArrayList<>();
        for (HistoryPurge.Instance instance : instances) {
            if (purge.contains(instance.id()) && instance.id().equals(instance.root())) {
                roots.add(instance.id());
            }
        }
        Set<String> rootSet = new java.util.HashSet<>(roots);
        List<String> byId = new ArrayList<>();
        for (HistoryPurge.Instance instance : instances) {
            if (purge.contains(instance.id()) && !rootSet.contains(instance.root())) {
                byId.add(instance.id());
            }
        }
        onThreads(chunks(roots, ROOT_CHUNK), ROOT_PURGE_THREADS, "ワークフロー履歴の消去",
                chunk -> transaction.executeWithoutResult(status -> historyPurge.purgeRoots(chunk)));
        purge(chunks(byId, PURGE_CHUNK));
        long purged = purge.size();
        timer.lap(purged + " process instances purged (" + roots.size() + " roots by root, " + byId.size() + " by id)");
        Map<String, Long> engine = new LinkedHashMap<>();
        engine.put("engine.cancelledProcessInstances", (long) running.size());
        engine.put("engine.purgedProcessInstances", purged);
        addCounts(fiscalYear, engine);
        transaction.executeWithoutResult(status -> jdbc.update("update deletion_run set not_purged = ? where fiscal_year = ?",
                String.join("\n", notPurged), fiscalYear));
    }

    /** Cancels the chunks of running instances, each chunk in its own transaction, on a few threads. */
    private void cancel(List<List<String>> chunks) {
        onThreads(chunks, ENGINE_THREADS, "実行中のプロセスの終了", chunk -> HistoryOfPurgedInstances.skippedDuring(
                () -> runtime.deleteProcessInstancesIfExists(chunk, CANCEL_REASON, true, true, false)));
    }

    /**
     * Runs each chunk in a transaction of its own on a few threads: the engine's statements of one chunk wait on the
     * database while another chunk's are prepared. Chunks touch disjoint instances, so they do not wait on each other's
     * locks. The first failure is thrown once the chunks under way have ended.
     */
    private static void onThreads(List<List<String>> chunks, int threads, String what, Consumer<List<String>> work) {
        if (chunks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks.size()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<String> chunk : chunks) {
                done.add(pool.submit(() -> work.accept(chunk)));
            }
            for (Future<?> chunk : done) {
                chunk.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + "が中断されました");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The year's personal values from every capability, and the matcher the scan looks for them with. */
    YearScan.Matcher matcher(int fiscalYear, long members) {
        Timer timer = new Timer(fiscalYear);
        // 4 to 5 distinct values a member at 200,000 and 1,100,000 members (names, addresses, numbers, dates)
        YearScan.Matcher.Values values = new YearScan.Matcher.Values((int) Math.min(1 << 26, members * 5));
        for (YearData capability : capabilities) {
            capability.personalValues(fiscalYear, values, "データ消去 " + fiscalYear);
        }
        timer.lap(values.given() + " values gathered");
        YearScan.Matcher matcher = new YearScan.Matcher(values);
        timer.lap("matcher built (" + matcher.size() + " distinct values)");
        return matcher;
    }

    private void scan(int fiscalYear, YearScan.Matcher matcher, Listener listener) {
        int values = matcher.size();
        log.info("Deletion of fiscal year {}: {} values to scan for", fiscalYear, values);
        YearScan.Result result = scan.scan(matcher, NOT_SCANNED, (table, p) -> {
            transaction.executeWithoutResult(status -> jdbc.update("""
                    update deletion_run set tables_done = ?, tables_total = ?, columns_scanned = ?, rows_scanned = ?,
                      scan_values = ?, updated_at = now() where fiscal_year = ?""",
                    p.tablesDone(), p.tablesTotal(), p.columns(), p.rowsScanned(), values, fiscalYear));
            listener.progress(new Progress(fiscalYear, "SCANNING", p.tablesDone(), p.tablesTotal(), p.columns(), p.rowsScanned(),
                    values, null));
        });
        if (!result.found().isEmpty()) {
            String finding = String.join("、", result.found());
            transaction.executeWithoutResult(status -> jdbc.update("update deletion_run set finding = ? where fiscal_year = ?",
                    finding, fiscalYear));
            throw new IllegalStateException(fiscalYear + " 年度の個人情報が次の列に残っています（行と鍵は消去していません）: " + finding);
        }
    }

    private Certificate finish(int fiscalYear, String by, String deletionProcessInstanceId) {
        for (YearData capability : capabilities) {
            if (!capability.deletedTables().isEmpty()) {
                capability.count(fiscalYear).forEach((what, n) -> {
                    // a count of a table it deletes ("member", "member.phone"), not of one it keeps ("designation")
                    if (n != 0 && capability.deletedTables().contains(what.split("\\.", 2)[0])) {
                        throw new IllegalStateException(fiscalYear + " 年度の行が削除後に残っています: " + what + "（" + n + " 行）");
                    }
                });
            }
        }
        Map<String, Object> run = jdbc.queryForMap("select * from deletion_run where fiscal_year = ?", fiscalYear);
        Map<String, Long> counts = parse((String) run.get("counts"));
        List<String> notPurged = lines((String) run.get("not_purged"));
        int scanValues = ((Number) run.get("scan_values")).intValue();
        int scanColumns = ((Number) run.get("columns_scanned")).intValue();
        audit.append(new AuditLog.Access(new AuditLog.Who(by, ""), AuditAction.DELETION, AuditLog.Subject.ofYear(fiscalYear),
                new AuditLog.Context(null, deletionProcessInstanceId),
                AuditLog.Outcome.allowed("年度データの消去（行の削除、履歴の消去、走査 " + scanColumns + " 列、鍵の破棄）"), null));
        // the certificate cites the audit log's head (the deletion's own record, committed on its own), anchored
        // outside the database now; a rerun after a crash from here appends and cites a new record
        AuditLog.Head head = audit.citeHead("certificate-" + fiscalYear);
        door.destroyYear(fiscalYear, by);
        Instant keyDestroyedAt = clock.instant();
        Certificate certificate = new Certificate(fiscalYear, counts, notPurged, keyDestroyedAt, scanValues, scanColumns,
                head.seq(), head.hash(), by);
        jdbc.update("""
                insert into deletion_certificate (fiscal_year, deliverables, deliverables_by, counts, not_purged, key_destroyed_at,
                  scan_values, scan_columns, audit_chain_seq, audit_chain_head, issued_by)
                select ?, coalesce((select deliverables from deletion_request where fiscal_year = ?), ''),
                  (select confirmed_by from deletion_request where fiscal_year = ?), ?, ?, ?, ?, ?, ?, ?, ?""",
                fiscalYear, fiscalYear, fiscalYear, format(counts), String.join("\n", notPurged), Timestamp.from(keyDestroyedAt),
                scanValues, scanColumns, certificate.auditChainSeq(), certificate.auditChainHead(), by);
        jdbc.update("update deletion_run set step = ?, updated_at = now() where fiscal_year = ?", DONE, fiscalYear);
        afterStep.accept(KEY_DESTROYED);
        return certificate;
    }

    /** The certificate of a year whose deletion is done, as recorded. */
    public Optional<Certificate> issued(int fiscalYear) {
        return jdbc.query("select * from deletion_certificate where fiscal_year = ?", rs -> {
            if (!rs.next()) {
                return Optional.<Certificate>empty();
            }
            return Optional.of(new Certificate(fiscalYear, parse(rs.getString("counts")), lines(rs.getString("not_purged")),
                    rs.getTimestamp("key_destroyed_at").toInstant(), rs.getInt("scan_values"), rs.getInt("scan_columns"),
                    rs.getLong("audit_chain_seq"), rs.getString("audit_chain_head"), rs.getString("issued_by")));
        }, fiscalYear);
    }

    /** Where the deletion of a year stands, if it was started. */
    public Optional<Progress> progress(int fiscalYear) {
        return jdbc.query("select * from deletion_run where fiscal_year = ?", rs -> rs.next()
                ? Optional.of(new Progress(fiscalYear, rs.getString("step"), rs.getInt("tables_done"), rs.getInt("tables_total"),
                        rs.getInt("columns_scanned"), rs.getLong("rows_scanned"), rs.getInt("scan_values"), rs.getString("finding")))
                : Optional.<Progress>empty(), fiscalYear);
    }

    private void step(int fiscalYear, String step, Listener listener) {
        log.info("Deletion of fiscal year {}: step {} reached", fiscalYear, step);
        if (!FILES_DELETED.equals(step)) {
            transaction.executeWithoutResult(status -> jdbc.update(
                    "update deletion_run set step = ?, updated_at = now() where fiscal_year = ?", step, fiscalYear));
        }
        progress(fiscalYear).ifPresent(p -> listener.progress(new Progress(fiscalYear, step, p.tablesDone(), p.tablesTotal(),
                p.columns(), p.rowsScanned(), p.scanValues(), p.finding())));
        afterStep.accept(step);
    }

    /** The ward confirms what was handed over and returned; listed on the certificate. */
    public void confirmDeliverables(int fiscalYear, String deliverables, String by) {
        if (deliverables == null || deliverables.isBlank()) {
            throw new IllegalArgumentException("引渡しを受けた成果物と返還された資料を一覧で入力してください");
        }
        TextCaps.check("deliverables", "成果物と返還資料の一覧", deliverables, TextCaps.SHORT);
        jdbc.update("""
                insert into deletion_request (fiscal_year, deliverables, confirmed_by) values (?, ?, ?)
                on conflict (fiscal_year) do update set deliverables = excluded.deliverables,
                  confirmed_by = excluded.confirmed_by, confirmed_at = now()""", fiscalYear, deliverables, by);
    }

    public void verify(int fiscalYear, String by) {
        jdbc.update("update deletion_certificate set verified_by = ?, verified_at = now() where fiscal_year = ?", by, fiscalYear);
    }

    /**
     * What the year holds, by table as each capability counts it (members first), and its process instances
     * (those an earlier, unfinished try already purged included).
     */
    public Map<String, Long> counts(int fiscalYear) {
        return counts(fiscalYear, instancesOfYear(fiscalYear));
    }

    private Map<String, Long> counts(int fiscalYear, List<HistoryPurge.Instance> instances) {
        return withEngineCounts(fiscalYear, capabilityCounts(fiscalYear), instances);
    }

    /** What each capability holds of the year. */
    private Map<String, Long> capabilityCounts(int fiscalYear) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = capabilities.size() - 1; i >= 0; i--) {
            counts.putAll(capabilities.get(i).count(fiscalYear));
        }
        return counts;
    }

    private Map<String, Long> withEngineCounts(int fiscalYear, Map<String, Long> counts, List<HistoryPurge.Instance> instances) {
        long live = instances.stream().filter(i -> !DELETION_PROCESS_KEY.equals(i.definitionKey()))
                .count();
        Long purgedBefore = jdbc.query("select counts from deletion_run where fiscal_year = ?",
                rs -> rs.next() ? parse(rs.getString(1)).getOrDefault("engine.purgedProcessInstances", 0L) : 0L, fiscalYear);
        counts.put("engine.processInstances", live + purgedBefore);
        return counts;
    }

    /**
     * Every process instance of the year: its business key is the year (the cycle and the processes it calls, the
     * contract, the designation review, the deletion) or starts with a capability's prefix and the year (the call
     * cases CC2026N..., the inquiries IQ2026N...); or it carries the year as variable fiscalYear (incidents,
     * supervision, export approvals). Read as ids, roots and ends only ({@link HistoryPurge#instances}).
     */
    private List<HistoryPurge.Instance> instancesOfYear(int fiscalYear) {
        return historyPurge.instances(Integer.toString(fiscalYear), List.of("CC" + fiscalYear + "N%", "IQ" + fiscalYear + "N%"),
                FISCAL_YEAR, fiscalYear);
    }

    private void addCounts(int fiscalYear, Map<String, Long> more) {
        transaction.executeWithoutResult(status -> {
            String text = jdbc.queryForObject("select counts from deletion_run where fiscal_year = ? for update", String.class,
                    fiscalYear);
            Map<String, Long> counts = parse(text);
            more.forEach((k, v) -> counts.merge(k, v, Long::sum));
            jdbc.update("update deletion_run set counts = ? where fiscal_year = ?", format(counts), fiscalYear);
        });
    }

    private static List<List<String>> chunks(List<String> ids, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return chunks;
    }

    /** The history of ended instances purged through the engine by id, a chunk per transaction; returns how many. */
    private long purge(List<List<String>> chunks) {
        onThreads(chunks, ENGINE_THREADS, "ワークフロー履歴の消去", history::deleteHistoricProcessInstancesIfExists);
        return chunks.stream().mapToLong(List::size).sum();
    }

    /** The time each part of a deletion took, in the log (counts only). */
    private static final class Timer {
        private final int fiscalYear;
        private long last = System.nanoTime();

        Timer(int fiscalYear) {
            this.fiscalYear = fiscalYear;
        }

        void lap(String what) {
            long now = System.nanoTime();
            log.info("Deletion of fiscal year {}: {} in {} ms", fiscalYear, what, (now - last) / 1_000_000);
            last = now;
        }
    }

    private static String format(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static Map<String, Long> parse(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : lines(text)) {
            int eq = line.lastIndexOf('=');
            counts.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
        }
        return counts;
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList();
    }

    /** A session-level advisory lock on the year, held on its own connection while the deletion runs. */
    private static final class YearLock implements AutoCloseable {
        private static final int LOCK_SPACE = 0x6b656e; // "ken"
        private final Connection connection;
        private final int fiscalYear;

        private YearLock(Connection connection, int fiscalYear) {
            this.connection = connection;
            this.fiscalYear = fiscalYear;
        }

        static YearLock take(DataSource dataSource, int fiscalYear) {
            try {
                Connection connection = dataSource.getConnection();
                try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                    statement.setInt(1, LOCK_SPACE);
                    statement.setInt(2, fiscalYear);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            connection.close();
                            throw new IllegalStateException(fiscalYear + " 年度の消去は別の実行が進めています。終わってから再実行してください");
                        }
                    }
                }
                return new YearLock(connection, fiscalYear);
            } catch (SQLException e) {
                throw new IllegalStateException("消去の排他ロックを取れませんでした（SQLState " + e.getSQLState() + "）");
            }
        }

        @Override
        public void close() {
            try (connection) {
                try (var statement = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                    statement.setInt(1, LOCK_SPACE);
                    statement.setInt(2, fiscalYear);
                    statement.execute();
                }
            } catch (SQLException e) {
                // the connection's end releases the lock as well
            }
        }
    }
}
