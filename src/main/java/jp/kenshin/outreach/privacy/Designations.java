package jp.kenshin.outreach.privacy;

import java.sql.Date;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Designations and the fiscal year's hand-over flag (the contract gate of a later issue sets it). */
@Repository
public class Designations {

    private static final RowMapper<Designation> ROW = (rs, n) -> new Designation(rs.getLong("id"), rs.getInt("fiscal_year"),
            rs.getString("user_id"), Designation.Role.valueOf(rs.getString("role")),
            Arrays.stream((String[]) rs.getArray("purposes").getArray()).map(Purpose::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Purpose.class))),
            rs.getDate("valid_from").toLocalDate(), rs.getDate("valid_to").toLocalDate(),
            rs.getDate("trained_on") == null ? null : rs.getDate("trained_on").toLocalDate());

    private final JdbcTemplate jdbc;

    public Designations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Designation> find(int fiscalYear, String userId) {
        return jdbc.query("select * from designation where fiscal_year = ? and user_id = ?", ROW, fiscalYear, userId)
                .stream().findFirst();
    }

    /** The fiscal years a user is designated for, oldest first. */
    public List<Integer> yearsOf(String userId) {
        return jdbc.queryForList("select fiscal_year from designation where user_id = ? order by fiscal_year", Integer.class, userId);
    }

    public List<Designation> ofYear(int fiscalYear) {
        return jdbc.query("select * from designation where fiscal_year = ? order by user_id", ROW, fiscalYear);
    }

    /** Designates a user for a year, or replaces their designation of that year. */
    public Designation save(Designation d, String by) {
        if (d.purposes() == null || d.purposes().isEmpty()) {
            throw new IllegalArgumentException("指定には目的（purposes）が1つ以上必要です");
        }
        if (d.validFrom() == null || d.validTo() == null || d.validTo().isBefore(d.validFrom())) {
            throw new IllegalArgumentException("指定の期間（validFrom・validTo）が必要です。終了日（validTo）は開始日（validFrom）より前にできません");
        }
        String[] purposes = d.purposes().stream().map(Enum::name).sorted().toArray(String[]::new);
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("""
                    insert into designation (fiscal_year, user_id, role, purposes, valid_from, valid_to, trained_on, created_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (fiscal_year, user_id) do update set role = excluded.role, purposes = excluded.purposes,
                      valid_from = excluded.valid_from, valid_to = excluded.valid_to, trained_on = excluded.trained_on,
                      created_by = excluded.created_by, created_at = now()""");
            ps.setInt(1, d.fiscalYear());
            ps.setString(2, d.userId());
            ps.setString(3, d.role().name());
            ps.setArray(4, connection.createArrayOf("varchar", purposes));
            ps.setDate(5, Date.valueOf(d.validFrom()));
            ps.setDate(6, Date.valueOf(d.validTo()));
            ps.setDate(7, d.trainedOn() == null ? null : Date.valueOf(d.trainedOn()));
            ps.setString(8, by);
            return ps;
        });
        return find(d.fiscalYear(), d.userId()).orElseThrow();
    }

    public boolean handoverAllowed(int fiscalYear) {
        return Boolean.TRUE.equals(jdbc.query("select handover_allowed from contract_year where fiscal_year = ?",
                rs -> rs.next() ? rs.getBoolean(1) : false, fiscalYear));
    }

    public void setHandoverAllowed(int fiscalYear, boolean allowed, String by) {
        jdbc.update("""
                insert into contract_year (fiscal_year, handover_allowed, updated_by) values (?, ?, ?)
                on conflict (fiscal_year) do update set handover_allowed = excluded.handover_allowed,
                  updated_by = excluded.updated_by, updated_at = now()""", fiscalYear, allowed, by);
    }

}
