package jp.kenshin.outreach.results;

import java.time.LocalDate;
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Attendance to date as counts, for the ward's dashboard: how many of a group of the year's targets have a
 * checkup result of the year, by exam date. The same results the effect analysis counts (cycle year and
 * result year the fiscal year; see {@code PersonalDataService.attendanceForAnalysis}), but only counts leave
 * this class: no member id, no exam date of a person, no result item (those stay sealed).
 */
@Service
public class AttendanceCounts {

    private final JdbcTemplate jdbc;

    public AttendanceCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param memberIds the group (e.g. one arm of the frozen target list)
     * @return the number of people of the group with a result of the year, by exam date (only dates with people)
     */
    public SortedMap<LocalDate, Long> attendeesByExamDate(int fiscalYear, Collection<Long> memberIds) {
        SortedMap<LocalDate, Long> byDate = new TreeMap<>();
        if (memberIds.isEmpty()) {
            return byDate;
        }
        jdbc.query("""
                select r.exam_date, count(*) from checkup_result r
                where r.cycle_year = ? and r.result_year = ? and r.member_id = any (?)
                group by r.exam_date""",
                ps -> {
                    ps.setInt(1, fiscalYear);
                    ps.setInt(2, fiscalYear);
                    ps.setArray(3, ps.getConnection().createArrayOf("bigint", memberIds.toArray()));
                },
                rs -> {
                    byDate.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                });
        return byDate;
    }
}
