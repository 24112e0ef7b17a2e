package jp.kenshin.outreach.mailing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.YearData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The year's mailing (mailing_item, mailing_batch, mailing_dispatch) and its print files on disk. */
@Component
class MailingYearData implements YearData {

    private final JdbcTemplate jdbc;
    private final MailingService mailing;
    private final MailingProperties properties;

    MailingYearData(JdbcTemplate jdbc, MailingService mailing, MailingProperties properties) {
        this.jdbc = jdbc;
        this.mailing = mailing;
        this.properties = properties;
    }

    @Override
    public String owner() {
        return "mailing";
    }

    @Override
    public Map<String, Long> count(int fiscalYear) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : deletedTables()) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table + " where fiscal_year = ?", Long.class, fiscalYear));
        }
        return counts;
    }

    @Override
    public List<String> deletedTables() {
        return List.of("mailing_item", "mailing_batch", "mailing_dispatch");
    }

    @Override
    public Map<String, String> keptTables() {
        return Map.of("card_template", "はがきの文面（個人情報を含まない）");
    }

    @Override
    public Map<String, Long> delete(int fiscalYear) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (String table : deletedTables()) {
            deleted.put(table, (long) jdbc.update("delete from " + table + " where fiscal_year = ?", fiscalYear));
        }
        return deleted;
    }

    @Override
    public Map<String, Long> deleteFiles(int fiscalYear) {
        return Map.of("mailing.printFiles", (long) mailing.deletePrintFiles(properties.directory(fiscalYear)));
    }
}
