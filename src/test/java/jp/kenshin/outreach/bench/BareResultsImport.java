package jp.kenshin.outreach.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jp.kenshin.outreach.members.MemberColumns;
import jp.kenshin.outreach.results.ResultColumns;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The bare floor of a results import: what any import that stores results by member must do, in SQL alone, with
 * nothing sealed, checked or audited. Untimed, the year's members are loaded from the members file into a bare table
 * keyed by 整理番号 in clear. Timed: the results file is loaded with {@code COPY (FORMAT csv)} into a table of text
 * columns, then stored into a bare results table whose primary key is (member, result year), each row matched to its
 * member by 整理番号 (one join). The product does this too, by keyed index, and more besides: the checks of each
 * value, the identity check against the sealed birth date, the sealing of the items, the audit record.
 */
final class BareResultsImport {

    private BareResultsImport() {
    }

    /** Seconds of the timed part (COPY, then the join and the store), printed with its two parts. */
    static double seconds(DataSource dataSource, Path membersFile, Path resultsFile) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table if exists bare_members, bare_member, bare_results, bare_result");
                statement.execute("create table bare_members (" + ImportBenchmark.textColumns(membersFile) + ")");
                ImportBenchmark.copyCsv(copy, "bare_members", membersFile);
                statement.execute("create table bare_member (id bigint generated always as identity primary key, person_no text not null)");
                statement.execute("insert into bare_member (person_no) select \"" + MemberColumns.PERSON_NO + "\" from bare_members");
                statement.execute("create unique index on bare_member (person_no)");
                statement.execute("drop table bare_members");
                statement.execute("create table bare_result (member_id bigint not null, result_year integer not null, exam_date text, "
                        + "institution_no text, items text, primary key (member_id, result_year))");
                statement.execute("analyze bare_member");
                statement.execute("checkpoint");
                long t0 = System.nanoTime();
                statement.execute("create table bare_results (" + ImportBenchmark.textColumns(resultsFile) + ")");
                ImportBenchmark.copyCsv(copy, "bare_results", resultsFile);
                long t1 = System.nanoTime();
                // the file's item columns, in its order, as name=value lines (as the product stores them, unsealed)
                String itemText = ImportBenchmark.headerColumns(resultsFile).stream().filter(ResultColumns.ITEMS::contains)
                        .map(c -> "'" + c + "=' || coalesce(r.\"" + c + "\", '')")
                        .collect(Collectors.joining(" || chr(10) || "));
                statement.execute("insert into bare_result select m.id, r.\"" + ResultColumns.FISCAL_YEAR + "\"::integer, r.\""
                        + ResultColumns.EXAM_DATE + "\", r.\"" + ResultColumns.INSTITUTION + "\", " + itemText
                        + " from bare_results r join bare_member m on m.person_no = r.\"" + ResultColumns.PERSON_NO + "\"");
                long t2 = System.nanoTime();
                statement.execute("drop table bare_member, bare_results, bare_result");
                double seconds = (t2 - t0) / 1e9;
                System.out.printf(Locale.ROOT, "bare results import of %s: %.2f s (COPY %.2f s, join to the members and store %.2f s)%n",
                        resultsFile.getFileName(), seconds, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                return seconds;
            }
        }
    }
}
