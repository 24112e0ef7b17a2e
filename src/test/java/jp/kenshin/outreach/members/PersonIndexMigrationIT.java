package jp.kenshin.outreach.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V20 takes 整理番号 out of the clear. A database whose members were imported before it holds the numbers in
 * clear and its sealed records bound to them, which the migration cannot convert without the year's keys: it
 * refuses, saying why, and leaves the database as it was. An empty one migrates. V33 gives each year that is
 * there its own unique index of 整理番号 (ADR 0013).
 */
class PersonIndexMigrationIT {

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void aDatabaseWithClearPersonNumbersIsRefusedAndAnEmptyOneMigrates() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            flyway(dataSource, "19").migrate();
            jdbc.update("""
                    insert into member (fiscal_year, person_no, sex, age_at_fy_end, qualified_from, special_address, away_code,
                      phone_usable, has_ticket, personal, import_id, source_line)
                    values (2026, '100000001', 1, 66, date '2020-04-01', false, 0, false, false, '\\x00', 1, 1)""");

            assertThatThrownBy(() -> flyway(dataSource, "20").migrate()).hasMessageContaining("平文の整理番号")
                    .hasMessageContaining("取り込み直して");
            assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_name = 'member'",
                    String.class)).contains("person_no").doesNotContain("person_index");

            jdbc.update("delete from member");
            flyway(dataSource, "20").migrate();
            assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_name = 'member'",
                    String.class)).contains("person_index").doesNotContain("person_no");
        }
    }

    @Test
    void eachYearAlreadyThereGetsItsOwnUniqueIndexOfPersonNumbers() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            flyway(dataSource, "32").migrate();
            String insert = """
                    insert into member (fiscal_year, person_index, sex, age_at_fy_end, qualified_from, special_address, away_code,
                      phone_usable, has_ticket, personal, import_id, source_line)
                    values (?, decode(?, 'hex'), 1, 66, date '2020-04-01', false, 0, false, false, '\\x00', 1, 1)""";
            jdbc.update(insert, 2026, "0a");
            jdbc.update(insert, 2026, "0b");
            jdbc.update(insert, 2027, "0a"); // the same person in the next year

            flyway(dataSource, "33").migrate();

            assertThat(jdbc.queryForList("select indexdef from pg_indexes where tablename = 'member' and indexname like 'member_person_%'"
                    + " order by indexname", String.class)).containsExactly(
                    "CREATE UNIQUE INDEX member_person_2026 ON public.member USING btree (person_index) WHERE (fiscal_year = 2026)",
                    "CREATE UNIQUE INDEX member_person_2027 ON public.member USING btree (person_index) WHERE (fiscal_year = 2027)");
            assertThatThrownBy(() -> jdbc.update(insert, 2026, "0b")).hasMessageContaining("member_person_2026");
            jdbc.update(insert, 2027, "0b");
            assertThat(jdbc.queryForObject("select count(*) from member", Integer.class)).isEqualTo(4);
        }
    }
}
