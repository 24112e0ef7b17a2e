package jp.kenshin.outreach.infrastructure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Purges the engine's whole history of ended root process instances, addressed the way the engine addresses the
 * history of one root itself: by {@code ROOT_PROC_INST_ID_}, the column every history table, the byte arrays and the
 * authorizations carry (since Camunda 7.10, for removal times), each with an index of the engine's own.
 *
 * <p>Why not {@code HistoryService.deleteHistoricProcessInstances}: it lists the instance ids in some twenty
 * statements per call, and MyBatis builds each {@code IN (…)} list item by item, compiling a regular expression per
 * item. At 200,000 members (44,968 instances) that took 17 s of the two engine threads' CPU, most of a year's deletion,
 * while the database's own work was about a tenth of it (Java Flight Recorder and {@code pg_stat_statements},
 * docs/benchmarks.md). Here each table is one statement per chunk with one array parameter.
 *
 * <p>The tables come from the schema, not from a list: every {@code act_hi_*} table with a {@code root_proc_inst_id_}
 * column, so a table a later engine version adds is purged too, including those the engine's own purge keeps (the
 * user operation log and the decisions' history of the year's instances). The byte arrays the history rows
 * reference go first, through the referencing columns; then those that carry the root themselves; then the
 * authorizations of the roots; then the history rows, the process instances last. Only for ended instances: the
 * runtime rows of a running instance still reference their byte arrays (the foreign key would refuse, and the chunk's
 * transaction roll back whole).
 */
@Component
public class HistoryPurge {

    /** Columns of history tables that hold the id of a byte array (variable values, stack traces, attachments). */
    private static final Set<String> BYTE_ARRAY_COLUMNS = Set.of("bytearray_id_", "job_exception_stack_id_", "error_details_id_",
            "content_id_");

    private final JdbcTemplate jdbc;
    private volatile List<String> statements;

    public HistoryPurge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A process instance in the engine's history, as the deletion needs it: ids and whether it ended, nothing else. */
    public record Instance(String id, String definitionKey, String rootId, String superId, boolean ended) {

        /** The root of its call tree (itself for a root). */
        public String root() {
            return rootId == null ? id : rootId;
        }
    }

    /**
     * The instances in the history whose business key is {@code businessKey}, or starts with one of the prefixes
     * ({@code LIKE} patterns), or which carry the number {@code value} as the variable {@code variable} (of any of the
     * engine's numeric types, as {@code variableValueEquals} matches it), each once. One read of the columns the
     * deletion needs: the engine's {@code HistoricProcessInstanceQuery} maps whole entities, which took 5.6 s for the
     * 247,273 instances of a ward of 1,100,000 members, on the thread beside the deletion's gathering of values.
     */
    public List<Instance> instances(String businessKey, Collection<String> businessKeyPatterns, String variable, long value) {
        String columns = "select p.id_, p.proc_def_key_, p.root_proc_inst_id_, p.super_process_instance_id_,"
                + " p.end_time_ is not null as ended from act_hi_procinst p";
        StringBuilder sql = new StringBuilder(columns).append(" where p.business_key_ = ?");
        List<Object> args = new ArrayList<>(List.of(businessKey));
        for (String pattern : businessKeyPatterns) {
            sql.append(" union ").append(columns).append(" where p.business_key_ like ?");
            args.add(pattern);
        }
        sql.append(" union ").append(columns).append(" ").append("""
                where p.id_ in (select v.proc_inst_id_ from act_hi_varinst v where v.name_ = ?
                  and (v.var_type_ in ('integer', 'long', 'short') and v.long_ = ? or v.var_type_ = 'double' and v.double_ = ?))""");
        args.add(variable);
        args.add(value);
        args.add((double) value);
        return jdbc.query(sql.toString(), (rs, row) -> new Instance(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getBoolean(5)), args.toArray());
    }

    /**
     * Deletes every history row, byte array and authorization of these ended root instances and of the instances they
     * called, in the caller's transaction; returns the rows deleted. Roots already purged delete nothing.
     */
    public long purgeRoots(Collection<String> rootIds) {
        if (rootIds.isEmpty()) {
            return 0;
        }
        String[] ids = rootIds.toArray(new String[0]);
        long deleted = 0;
        for (String statement : statements()) {
            deleted += jdbc.update(statement, (Object) ids);
        }
        return deleted;
    }

    /** The statements, in order, read from the schema once. */
    List<String> statements() {
        List<String> built = statements;
        if (built == null) {
            built = build();
            statements = built;
        }
        return built;
    }

    private List<String> build() {
        List<String> historyTables = jdbc.queryForList("""
                select c.table_name from information_schema.columns c join information_schema.tables t
                  on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
                where c.table_schema = current_schema() and c.table_name like 'act\\_hi\\_%' and c.column_name = 'root_proc_inst_id_'
                order by c.table_name = 'act_hi_procinst', c.table_name""", String.class);
        if (!historyTables.contains("act_hi_procinst")) {
            throw new IllegalStateException("The engine's history tables were not found in the current schema");
        }
        List<String> out = new ArrayList<>();
        for (var reference : jdbc.queryForList("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and table_name like 'act\\_hi\\_%' and column_name in (?, ?, ?, ?)
                order by table_name, column_name""", BYTE_ARRAY_COLUMNS.toArray())) {
            String table = (String) reference.get("table_name");
            if (historyTables.contains(table)) {
                String column = (String) reference.get("column_name");
                out.add("delete from act_ge_bytearray where id_ in (select " + column + " from " + table
                        + " where root_proc_inst_id_ = any (?) and " + column + " is not null)");
            }
        }
        out.add("delete from act_ge_bytearray where root_proc_inst_id_ = any (?)");
        out.add("delete from act_ru_authorization where root_proc_inst_id_ = any (?)");
        for (String table : historyTables) {
            out.add("delete from " + table + " where root_proc_inst_id_ = any (?)");
        }
        return List.copyOf(out);
    }
}
