package jp.kenshin.outreach.bench;

import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With {@code -Dbench.statements=true} and a server that has {@code pg_stat_statements} loaded (the Debian server of the
 * benchmarks' notes, not the embedded one): the server's statements of one stage, reset before it and printed after it,
 * dearest first, with how often each ran per item of the stage (a call, an instance), to see what a stage spends.
 */
final class ServerStatements {

    private ServerStatements() {
    }

    static boolean on() {
        return Boolean.getBoolean("bench.statements");
    }

    static void reset(JdbcTemplate jdbc) {
        if (on()) {
            jdbc.execute("create extension if not exists pg_stat_statements");
            jdbc.queryForList("select pg_stat_statements_reset()");
        }
    }

    static void print(JdbcTemplate jdbc, String stage, long items, double wallSeconds) {
        if (!on()) {
            return;
        }
        Object[] totals = jdbc.queryForObject("""
                select coalesce(sum(calls), 0), coalesce(sum(total_plan_time), 0), coalesce(sum(total_exec_time), 0)
                from pg_stat_statements where query not like '%pg_stat_statements%'""",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3)});
        System.out.printf(Locale.ROOT, "%nserver statements of %s (%,d items, %.1f s wall): %,d statements (%.1f per item), "
                + "planning %.2f s, executing %.2f s%n", stage, items, wallSeconds, (long) totals[0],
                (long) totals[0] / (double) Math.max(1, items), (double) totals[1] / 1000, (double) totals[2] / 1000);
        System.out.println("| per item | plan ms | exec ms | rows | statement |");
        System.out.println("| --- | --- | --- | --- | --- |");
        jdbc.query("""
                select calls, total_plan_time, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') as q
                from pg_stat_statements where query not like '%pg_stat_statements%'
                order by total_plan_time + total_exec_time desc limit 30""", rs -> {
            String q = rs.getString("q");
            System.out.printf(Locale.ROOT, "| %.2f | %.1f | %.1f | %,d | %s |%n", rs.getLong("calls") / (double) Math.max(1, items),
                    rs.getDouble("total_plan_time"), rs.getDouble("total_exec_time"), rs.getLong("rows"),
                    q.length() > 160 ? q.substring(0, 160) + "…" : q);
        });
    }
}
