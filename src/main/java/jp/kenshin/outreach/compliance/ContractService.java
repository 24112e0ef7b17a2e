package jp.kenshin.outreach.compliance;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract gate: no personal data reaches the contractor before the ward has registered the
 * contract with all 13 special provisions, the contractor has designated its person in charge and
 * trained handlers from its own organisation (provisions 6 and 10), attested its protection measures
 * (provisions 1 and 4), and the ward has reviewed and approved it. Approval opens the door's
 * hand-over for the year; anything else keeps it shut.
 */
@Service
public class ContractService {

    private final JdbcTemplate jdbc;
    private final Designations designations;
    private final OrganisationMembership membership;
    private final org.springframework.context.ApplicationEventPublisher events;

    public ContractService(JdbcTemplate jdbc, Designations designations, OrganisationMembership membership,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.designations = designations;
        this.membership = membership;
    }

    /** Registers (or re-registers) the year's contract; refuses it unless all 13 provisions are acknowledged. */
    @Transactional
    public void register(ContractRegistration c, String by) {
        List<Integer> missing = IntStream.rangeClosed(1, 13).filter(n -> !c.provisionsAcknowledged().contains(n)).boxed().toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("特記事項 " + missing + " が確認されていません（13項目すべての確認が必要です）");
        }
        if (c.contractNumber() == null || c.contractNumber().isBlank() || c.contractorGroup() == null
                || c.contractorGroup().isBlank() || c.periodFrom() == null || c.periodTo() == null
                || c.periodTo().isBefore(c.periodFrom())) {
            throw new IllegalArgumentException("契約番号、委託先、委託先のグループ、契約期間（開始≦終了）が必要です");
        }
        TextCaps.check("contractNumber", "契約番号", c.contractNumber(), 50);
        TextCaps.check("contractorName", "委託先", c.contractorName(), 200);
        TextCaps.check("contractorGroup", "委託先のグループ", c.contractorGroup(), 64);
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("""
                    insert into contract (fiscal_year, contract_number, contractor_name, contractor_group, period_from,
                      period_to, provisions_acknowledged, registered_by, status)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'REGISTERED')
                    on conflict (fiscal_year) do update set contract_number = excluded.contract_number,
                      contractor_name = excluded.contractor_name, contractor_group = excluded.contractor_group,
                      period_from = excluded.period_from, period_to = excluded.period_to,
                      provisions_acknowledged = excluded.provisions_acknowledged, registered_by = excluded.registered_by,
                      registered_at = now(), status = 'REGISTERED', approved_by = null, approved_at = null""");
            ps.setInt(1, c.fiscalYear());
            ps.setString(2, c.contractNumber());
            ps.setString(3, c.contractorName());
            ps.setString(4, c.contractorGroup());
            ps.setDate(5, Date.valueOf(c.periodFrom()));
            ps.setDate(6, Date.valueOf(c.periodTo()));
            ps.setArray(7, connection.createArrayOf("smallint", new TreeSet<>(c.provisionsAcknowledged()).toArray()));
            ps.setString(8, by);
            return ps;
        });
        designations.setHandoverAllowed(c.fiscalYear(), false, by);
    }

    /** Designates a contractor user, refused for anyone outside the contracted organisation (provision 6). */
    @Transactional
    public Designation designate(Designation designation, String by) {
        TextCaps.check("userId", "ユーザー", designation.userId(), 64);
        String group = contractorGroup(designation.fiscalYear());
        if (!membership.isMember(designation.userId(), group)) {
            throw new IllegalArgumentException("ユーザー " + designation.userId() + " は委託先（" + group
                    + "）に所属していないため指定できません（特記事項6 再委託の禁止）");
        }
        Designation saved = designations.save(designation, by);
        // A change of designations during the year goes through the ward's review again.
        int reopened = jdbc.update("update contract set status = 'IN_REVIEW', approved_by = null, approved_at = null "
                + "where fiscal_year = ? and status = 'APPROVED'", designation.fiscalYear());
        designations.setHandoverAllowed(designation.fiscalYear(), false, by);
        if (reopened > 0) {
            events.publishEvent(new DesignationsChanged(designation.fiscalYear()));
        }
        return saved;
    }

    /** Checks the designations are complete: a person in charge, at least one handler, everyone trained. */
    public void checkDesignations(int fiscalYear) {
        List<Designation> all = designations.ofYear(fiscalYear);
        List<String> problems = new ArrayList<>();
        if (all.stream().noneMatch(d -> d.role() == Designation.Role.PERSON_IN_CHARGE)) {
            problems.add("取扱責任者が指定されていません");
        }
        if (all.stream().noneMatch(d -> d.role() == Designation.Role.HANDLER)) {
            problems.add("取扱者が指定されていません");
        }
        all.stream().filter(d -> d.trainedOn() == null)
                .forEach(d -> problems.add("ユーザー " + d.userId() + " の研修記録がありません（特記事項10）"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("、", problems));
        }
    }

    /** The contractor attests its protection measures; all four are required (provisions 1 and 4). */
    @Transactional
    public void attest(int fiscalYear, boolean lockedStorage, boolean entryControl, boolean mediaRestriction,
            boolean perPersonFileAccess, String by) {
        if (!(lockedStorage && entryControl && mediaRestriction && perPersonFileAccess)) {
            throw new IllegalArgumentException("保護措置（施錠保管、入退室管理、記録媒体の制限、個人ごとのファイルアクセス）をすべて講じていることの表明が必要です");
        }
        int updated = jdbc.update("""
                update contract set locked_storage = true, entry_control = true, media_restriction = true,
                  per_person_file_access = true, attested_by = ?, attested_at = now(), status = 'IN_REVIEW'
                where fiscal_year = ?""", by, fiscalYear);
        if (updated == 0) {
            throw new IllegalStateException(fiscalYear + " 年度の契約が登録されていません");
        }
    }

    /** The ward's review: approval opens the hand-over; a send-back keeps it shut and keeps the comment. */
    @Transactional
    public void review(int fiscalYear, boolean approved, String comment, String by) {
        TextCaps.check("reviewComment", "審査のコメント", comment, TextCaps.SHORT);
        Map<String, Object> contract = jdbc.queryForMap("select status, attested_at from contract where fiscal_year = ?", fiscalYear);
        if (approved && contract.get("attested_at") == null) {
            throw new IllegalStateException(fiscalYear + " 年度の契約は保護措置の表明がまだのため承認できません");
        }
        if (approved) {
            checkDesignations(fiscalYear);
        }
        jdbc.update("update contract set status = ?, review_comment = ?, approved_by = ?, approved_at = "
                        + (approved ? "now()" : "null") + " where fiscal_year = ?",
                approved ? "APPROVED" : "SENT_BACK", comment, approved ? by : null, fiscalYear);
        designations.setHandoverAllowed(fiscalYear, approved, by);
    }

    public String status(int fiscalYear) {
        List<String> status = jdbc.queryForList("select status from contract where fiscal_year = ?", String.class, fiscalYear);
        return status.isEmpty() ? "NONE" : status.get(0);
    }

    private String contractorGroup(int fiscalYear) {
        List<String> group = jdbc.queryForList("select contractor_group from contract where fiscal_year = ?", String.class,
                fiscalYear);
        if (group.isEmpty()) {
            throw new IllegalStateException(fiscalYear + " 年度の契約が登録されていないため、取扱者を指定できません");
        }
        return group.get(0);
    }
}
