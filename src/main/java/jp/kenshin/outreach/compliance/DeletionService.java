package jp.kenshin.outreach.compliance;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.kenshin.outreach.audit.AuditLog;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.PersonalDataService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Provision 7: the provable deletion of a fiscal year. In one transaction: the year's personal values
 * are gathered (through the door) for the scan, contractor access is revoked, the year's rows are
 * deleted, the engine's history of the year's ended process instances is purged, and every table is
 * scanned for any of those values. Only when the scan finds none is the year's key destroyed and the
 * certificate recorded; otherwise everything is rolled back and the step fails, naming the columns.
 */
@Service
public class DeletionService {

    /** The figures of a deletion certificate. */
    public record Certificate(int fiscalYear, Map<String, Long> counts, List<String> notPurged, Instant keyDestroyedAt,
            int scanValues, int scanColumns, long auditChainSeq, String auditChainHead, String issuedBy) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataService door;
    private final Designations designations;
    private final HistoryService history;
    private final AuditLog audit;
    private final jp.kenshin.outreach.mailing.MailingService mailing;
    private final jp.kenshin.outreach.mailing.MailingProperties mailingProperties;

    public DeletionService(JdbcTemplate jdbc, PersonalDataService door, Designations designations, HistoryService history,
            AuditLog audit, jp.kenshin.outreach.mailing.MailingService mailing,
            jp.kenshin.outreach.mailing.MailingProperties mailingProperties) {
        this.mailing = mailing;
        this.mailingProperties = mailingProperties;
        this.jdbc = jdbc;
        this.door = door;
        this.designations = designations;
        this.history = history;
        this.audit = audit;
    }

    @Transactional
    public Certificate destroy(int fiscalYear, String by, String deletionProcessInstanceId) {
        if (door.isYearDestroyed(fiscalYear)) {
            throw new IllegalStateException(fiscalYear + " 年度のデータはすでに消去されています");
        }
        Map<String, Long> counts = counts(fiscalYear);

        // 1. what to look for afterwards
        jdbc.execute("create temporary table deletion_scan (value text primary key) on commit drop");
        List<Object[]> batch = new ArrayList<>();
        door.personalValuesForDeletionScan(fiscalYear, value -> batch.add(new Object[] {value}), "データ消去 " + fiscalYear);
        for (int i = 0; i < batch.size(); i += 1000) {
            jdbc.batchUpdate("insert into deletion_scan values (?) on conflict do nothing", batch.subList(i, Math.min(i + 1000, batch.size())));
        }
        int scanValues = jdbc.queryForObject("select count(*) from deletion_scan", Integer.class);

        // 2. contractor access ends
        designations.setHandoverAllowed(fiscalYear, false, by);
        jdbc.update("update designation set valid_to = least(valid_to, ?) where fiscal_year = ?",
                java.sql.Date.valueOf(LocalDate.now().minusDays(1)), fiscalYear);

        // 3. the year's rows
        jdbc.update("delete from selection_entry where run_id in (select id from selection_run where fiscal_year = ?)", fiscalYear);
        jdbc.update("delete from selection_run where fiscal_year = ?", fiscalYear);
        jdbc.update("delete from checkup_result where cycle_year = ?", fiscalYear);
        jdbc.update("delete from mailing_item where fiscal_year = ?", fiscalYear);
        jdbc.update("delete from mailing_batch where fiscal_year = ?", fiscalYear);
        jdbc.update("delete from mailing_dispatch where fiscal_year = ?", fiscalYear);
        jdbc.update("delete from member where fiscal_year = ?", fiscalYear);
        counts.put("mailing.printFiles", (long) mailing.deletePrintFiles(mailingProperties.directory(fiscalYear)));

        // 4. the engine's history of the year's ended process instances
        List<String> purge = new ArrayList<>();
        List<String> notPurged = new ArrayList<>();
        for (HistoricProcessInstance instance : instancesOfYear(fiscalYear)) {
            if (instance.getId().equals(deletionProcessInstanceId)) {
                continue;
            }
            if (instance.getEndTime() == null) {
                notPurged.add(instance.getProcessDefinitionKey() + ":" + instance.getId());
            } else {
                purge.add(instance.getId());
            }
        }
        if (!purge.isEmpty()) {
            history.deleteHistoricProcessInstancesIfExists(purge);
        }
        counts.put("engine.purgedProcessInstances", (long) purge.size());

        // 5. the scan of every table
        List<String> columns = jdbc.query("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                  and c.data_type in ('text', 'character varying', 'character')""",
                (rs, n) -> rs.getString(1) + "." + rs.getString(2));
        List<String> found = new ArrayList<>();
        for (String column : columns) {
            String[] tc = column.split("\\.");
            String table = '"' + tc[0] + '"';
            String col = '"' + tc[1] + '"';
            boolean exact = Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from " + table + " t join deletion_scan s on t." + col + " = s.value)", Boolean.class));
            boolean contained = tc[0].startsWith("act_") && Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from " + table + " t join deletion_scan s on length(s.value) >= 4 and t." + col
                            + " like '%' || s.value || '%')", Boolean.class));
            if (exact || contained) {
                found.add(column);
            }
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException(fiscalYear + " 年度の個人情報が消去後も残っています: " + String.join("、", found));
        }

        // 6. only now: the key, and the certificate
        door.destroyYear(fiscalYear, by);
        Instant keyDestroyedAt = Instant.now();
        audit.append(new AuditLog.Access(by, "", "DELETION", null, fiscalYear, List.of(), "", null, deletionProcessInstanceId,
                true, "年度データの消去（鍵の破棄、行の削除、履歴の消去、走査 " + columns.size() + " 列）", null, null));
        // the certificate cites the audit log's head (the deletion's own record), anchored outside the database now
        AuditLog.Head head = audit.citeHead("certificate-" + fiscalYear);
        Certificate certificate = new Certificate(fiscalYear, counts, notPurged, keyDestroyedAt, scanValues, columns.size(),
                head.seq(), head.hash(), by);
        jdbc.update("""
                insert into deletion_certificate (fiscal_year, deliverables, deliverables_by, counts, not_purged, key_destroyed_at,
                  scan_values, scan_columns, audit_chain_seq, audit_chain_head, issued_by)
                select ?, coalesce((select deliverables from deletion_request where fiscal_year = ?), ''),
                  (select confirmed_by from deletion_request where fiscal_year = ?), ?, ?, ?, ?, ?, ?, ?, ?""",
                fiscalYear, fiscalYear, fiscalYear, counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")),
                String.join("\n", notPurged), Timestamp.from(keyDestroyedAt), scanValues, columns.size(), certificate.auditChainSeq(),
                certificate.auditChainHead(), by);
        return certificate;
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

    /** What the database holds of a fiscal year, counted before deletion. */
    public Map<String, Long> counts(int fiscalYear) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("member", count("select count(*) from member where fiscal_year = ?", fiscalYear));
        counts.put("member.phone", count("select count(*) from member where fiscal_year = ? and phone_usable", fiscalYear));
        counts.put("mailing_item", count("select count(*) from mailing_item where fiscal_year = ?", fiscalYear));
        counts.put("checkup_result", count("select count(*) from checkup_result where cycle_year = ?", fiscalYear));
        counts.put("selection_run", count("select count(*) from selection_run where fiscal_year = ?", fiscalYear));
        counts.put("selection_entry", count("""
                select count(*) from selection_entry where run_id in (select id from selection_run where fiscal_year = ?)""",
                fiscalYear));
        counts.put("designation", count("select count(*) from designation where fiscal_year = ?", fiscalYear));
        counts.put("audit_log", count("select count(*) from audit_log where fiscal_year = ?", fiscalYear));
        counts.put("engine.processInstances", (long) instancesOfYear(fiscalYear).size());
        return counts;
    }

    private long count(String sql, int fiscalYear) {
        Long n = jdbc.queryForObject(sql, Long.class, fiscalYear);
        return n == null ? 0 : n;
    }

    private List<HistoricProcessInstance> instancesOfYear(int fiscalYear) {
        Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(Integer.toString(fiscalYear)).list()
                .forEach(i -> instances.put(i.getId(), i));
        history.createHistoricProcessInstanceQuery().variableValueEquals("fiscalYear", fiscalYear).list()
                .forEach(i -> instances.put(i.getId(), i));
        return new ArrayList<>(instances.values());
    }
}
