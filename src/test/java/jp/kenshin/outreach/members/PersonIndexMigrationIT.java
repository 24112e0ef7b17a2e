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
 * refuses, saying why, and leaves the database as it was. An empty one migrates.
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
}
