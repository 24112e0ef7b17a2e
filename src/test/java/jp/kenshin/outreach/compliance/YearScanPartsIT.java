package jp.kenshin.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jp.kenshin.outreach.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large table is scanned in parts by block range, on both threads: a value is found in whichever part holds it, the
 * first block's and the last one's included, every row is read once, and the table is reported done once, after its
 * last part. (The parts are made small here, so that a table of a few hundred blocks is read in many.)
 */
@IntegrationTest
class YearScanPartsIT {

    private static final String TABLE = "scan_parts_probe";

    @Autowired
    YearScan scan;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void dropProbeAndRestoreParts() {
        scan.partBlocks(YearScan.PART_BLOCKS);
        jdbc.execute("drop table if exists " + TABLE);
    }

    @Test
    void aValueIsFoundInTheFirstAndTheLastPartOfATableReadInParts() {
        jdbc.execute("create table " + TABLE + " (id integer primary key, note text, payload bytea)");
        // 3,000 rows of about 1 kB: some 430 blocks, 27 parts of 16 blocks
        // written in one statement, in order (no update moves a row): the first row lies in the first block, the last in
        // the last
        jdbc.update("insert into " + TABLE + " select i, case when i = 3000 then '連絡メモ：スキャン分割一丁目2-3 に在宅' || repeat('x', 1000)"
                + " else repeat('x', 1000) end, case when i = 1 then ? end from generate_series(1, 3000) i",
                (Object) "…スキャン分割検査値…".getBytes(StandardCharsets.UTF_8));
        assertThat(jdbc.queryForObject("select (ctid::text::point)[0] from " + TABLE + " where id = 1", Double.class)).isZero();
        assertThat(jdbc.queryForObject("select (ctid::text::point)[0] from " + TABLE + " where id = 3000", Double.class))
                .isEqualTo(jdbc.queryForObject("select max((ctid::text::point)[0]) from " + TABLE, Double.class));
        long blocks = jdbc.queryForObject("select pg_relation_size('" + TABLE + "') / 8192", Long.class);
        assertThat(blocks).as("the probe spans many parts").isGreaterThan(16 * 10);
        scan.partBlocks(16);
        // a part reads only its own blocks (PostgreSQL 14's TID range scan), not the whole table with a filter
        assertThat(jdbc.queryForList("explain select note from " + TABLE + YearScan.Part.of(TABLE, blocks, 16, 0).get(1).where(),
                String.class)).anySatisfy(line -> assertThat(line).contains("Tid Range Scan"));
        List<String> reported = new ArrayList<>();
        long rowsBefore = rowsAfter();

        YearScan.Result result = scan.scan(List.of("スキャン分割一丁目2-3", "スキャン分割検査値"), Set.of(), (table, progress) -> {
            reported.add(table);
        });

        assertThat(result.found()).containsExactly(TABLE + ".note", TABLE + ".payload");
        assertThat(reported).as("each table reported once, after its last part").doesNotHaveDuplicates()
                .hasSize(result.tables()).contains(TABLE);
        assertThat(result.rows()).as("every row read once, none twice").isBetween(Math.min(rowsBefore, rowsAfter()),
                Math.max(rowsBefore, rowsAfter()));
    }

    /** The rows of every table the scan reads, now. */
    private long rowsAfter() {
        return jdbc.queryForList("select relname from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'",
                String.class).stream().mapToLong(t -> jdbc.queryForObject("select count(*) from \"" + t + "\"", Long.class)).sum();
    }

    @Test
    void aTableIsCutIntoRangesOfBlocksTheLastOpenToTheEnd() {
        assertThat(YearScan.Part.of("t", 10, 4, 300)).extracting(YearScan.Part::where).containsExactly(
                " where ctid >= '(0,0)'::tid and ctid < '(4,0)'::tid",
                " where ctid >= '(4,0)'::tid and ctid < '(8,0)'::tid",
                " where ctid >= '(8,0)'::tid");
        assertThat(YearScan.Part.of("t", 4, 4, 300)).singleElement().satisfies(p -> assertThat(p.where()).isEmpty());
    }
}
