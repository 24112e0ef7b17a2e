package jp.kenshin.outreach.members;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jp.kenshin.outreach.YearData;
import jp.kenshin.outreach.privacy.PersonalDataService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The year's insured people (table member): their sealed records, and their values for the scan through the door. */
@Component
class MembersYearData implements YearData {

    private final JdbcTemplate jdbc;
    private final PersonalDataService door;

    MembersYearData(JdbcTemplate jdbc, PersonalDataService door) {
        this.jdbc = jdbc;
        this.door = door;
    }

    @Override
    public String owner() {
        return "members";
    }

    @Override
    public int order() {
        return MEMBERS;
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("member", jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Long.class, fiscalYear));
        counts.put("member.phone", jdbc.queryForObject("select count(*) from member where fiscal_year = ? and phone_usable",
                Long.class, fiscalYear));
        return counts;
    }

    @Override
    public List<String> deletedTables() {
        return List.of("member");
    }

    @Override
    public void personalValues(int fiscalYear, Consumer<String> values, String deletionRef) {
        door.personalValuesForDeletionScan(fiscalYear, values, deletionRef);
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        return Map.of("member", (long) jdbc.update("delete from member where fiscal_year = ?", fiscalYear));
    }
}
