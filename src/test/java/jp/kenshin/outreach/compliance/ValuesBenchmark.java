package jp.kenshin.outreach.compliance;

import java.util.Locale;
import javax.sql.DataSource;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.bench.CpuMeter;
import jp.kenshin.outreach.bench.StackSampler;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deletion's longest path at a large ward, alone: the year's personal values gathered through every capability (the
 * door opening each member's sealed record) and the scan's matcher built from them, as {@link DeletionService} does
 * beside the purge. A year of members only is imported (the members are nearly all of the values), then the gathering
 * and the build run a few rounds, each printed with its CPU seconds; {@code -Dbench.profile=true} adds where the threads
 * spend their time, and {@code -Dbench.scan=true} then scans the database with the last round's matcher as the deletion
 * does ({@code -Dbench.scans=N} times). In this package because the gathering ({@code DeletionService.matcher}) is not public.
 *
 * <p>Usage: ValuesBenchmark [members, default 200,000] [rounds, default 3].
 */
public final class ValuesBenchmark {

    private static final int FY = 2030;

    private ValuesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KenshinOutreachApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                .run("--kenshin.database.data-directory=target/test-postgres/values-benchmark-" + System.nanoTime(),
                        "--spring.autoconfigure.exclude="
                                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
        try {
            jp.kenshin.outreach.bench.DeletionBenchmark.importSyntheticMembers(context, FY, members);
            DeletionService deletion = context.getBean(DeletionService.class);
            DataSource dataSource = context.getBean(DataSource.class);
            for (int round = 1; round <= rounds; round++) {
                System.gc();
                boolean profile = Boolean.getBoolean("bench.profile") && round == rounds;
                StackSampler stacks = profile ? StackSampler.start("deletion-", "year-records-") : null;
                CpuMeter cpu = CpuMeter.start(dataSource);
                long t0 = System.nanoTime();
                YearScan.Matcher matcher = deletion.matcher(FY, members);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: %,d members, %,d distinct values, gathered and built in %.1f s, %s%n", round,
                        members, matcher.size(), seconds, cpu.stop());
                if (stacks != null) {
                    System.out.print(stacks.stop(seconds, 50));
                }
                for (int scanRound = 1; Boolean.getBoolean("bench.scan") && round == rounds
                        && scanRound <= Integer.getInteger("bench.scans", 1); scanRound++) {
                    // the scan of the database with that matcher (the members' table is nearly all of it), as the deletion
                    // scans it, with the threads' stacks under -Dbench.profile=true
                    System.gc();
                    StackSampler scanStacks = Boolean.getBoolean("bench.profile") ? StackSampler.start("pool-") : null;
                    CpuMeter scanCpu = CpuMeter.start(dataSource);
                    long s0 = System.nanoTime();
                    YearScan.Result result = context.getBean(YearScan.class).scan(matcher, java.util.Set.of("deletion_run"), (t, p) -> {
                    });
                    double scanned = (System.nanoTime() - s0) / 1e9;
                    System.out.printf(Locale.ROOT, "scan: %,d rows of %d tables in %.1f s, %s; found %s%n", result.rows(), result.tables(),
                            scanned, scanCpu.stop(), result.found());
                    if (scanStacks != null) {
                        System.out.print(scanStacks.stop(scanned, 30));
                    }
                }
            }
            if (Boolean.getBoolean("bench.arrays")) {
                org.springframework.jdbc.core.JdbcTemplate jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
                java.util.List<Long> ids = jdbc.queryForList("select id from member where fiscal_year = ? order by id", Long.class, FY);
                jdbc.execute("create table if not exists bench_ids (ids bigint[])");
                System.out.println(jdbc.queryForObject("select version()", String.class));
                for (String how : java.util.List.of("text", "binary", "external", "lz4")) {
                    if (how.equals("external")) {
                        jdbc.execute("alter table bench_ids alter column ids set storage external");
                    }
                    if (how.equals("lz4")) {
                        try {
                            jdbc.execute("alter table bench_ids alter column ids set storage extended");
                            jdbc.execute("alter table bench_ids alter column ids set compression lz4");
                        } catch (RuntimeException e) {
                            System.out.println("no lz4: " + e.getMessage());
                            continue;
                        }
                    }
                    long a0 = System.nanoTime();
                    for (int i = 0; i < ids.size(); i += 100_000) {
                        java.util.List<Long> slice = ids.subList(i, Math.min(ids.size(), i + 100_000));
                        jdbc.update(connection -> {
                            var ps = connection.prepareStatement("insert into bench_ids values (?)");
                            if (!how.equals("binary")) {
                                ps.setArray(1, connection.createArrayOf("bigint", slice.toArray()));
                            } else {
                                ps.setObject(1, slice.stream().mapToLong(Long::longValue).toArray());
                            }
                            return ps;
                        });
                    }
                    System.out.printf(Locale.ROOT, "%,d ids as %s arrays of 100,000: %.2f s%n", ids.size(), how, (System.nanoTime() - a0) / 1e9);
                }
            }
        } finally {
            context.close();
        }
    }
}
