package jp.kenshin.outreach.calling;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.privacy.Designation;
import jp.kenshin.outreach.privacy.Designations;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.IdentityService;

/** A fiscal year ready for calls: synthetic members, a frozen list, designated and trained operators. */
public final class CallingFixture {

    public static final String OPERATOR = "callop1";
    public static final String SECOND_OPERATOR = "callop2";
    public static final String LEAD = "calllead";
    public static final String WARD = "callward";

    private CallingFixture() {
    }

    public static Requester operator(String user) {
        return new Requester(user, Set.of(Requester.CONTRACTOR_OPERATOR));
    }

    public static Requester ward() {
        return new Requester(WARD, Set.of(Requester.WARD_STAFF));
    }

    /** What was prepared: the selection's counts and the members file (to look for its values elsewhere). */
    public record Prepared(SelectionCounts counts, byte[] membersFile) {
    }

    /** Imports {@code members} synthetic people, selects and freezes, designates the operators. */
    public static Prepared prepare(int fiscalYear, int members, double holdoutShare, MembersImportService imports,
            TargetSelectionService selection, Designations designations, IdentityService identity) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try {
            new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, members, fiscalYear, StandardCharsets.UTF_8)).writeMembers(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        imports.importMembers(fiscalYear, new ByteArrayInputStream(file.toByteArray()), "members.csv", "UTF-8", true);
        SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), holdoutShare,
                holdoutShare > 0 ? 7L : null, null, null, null));
        selection.freeze(counts.runId(), "ward");
        TestUsers.ensure(identity, OPERATOR, Requester.CONTRACTOR_OPERATOR);
        TestUsers.ensure(identity, SECOND_OPERATOR, Requester.CONTRACTOR_OPERATOR);
        TestUsers.ensure(identity, LEAD, Requester.CONTRACTOR_LEAD);
        TestUsers.ensure(identity, WARD, Requester.WARD_STAFF);
        LocalDate today = LocalDate.now();
        for (String user : List.of(OPERATOR, SECOND_OPERATOR)) {
            designations.save(new Designation(null, fiscalYear, user, Designation.Role.HANDLER, EnumSet.of(Purpose.CALL, Purpose.INQUIRY),
                    today.minusDays(30), today.plusDays(365), today.minusDays(30)), "ward");
        }
        designations.save(new Designation(null, fiscalYear, LEAD, Designation.Role.PERSON_IN_CHARGE, EnumSet.allOf(Purpose.class),
                today.minusDays(30), today.plusDays(365), today.minusDays(30)), "ward");
        designations.setHandoverAllowed(fiscalYear, true, "ward");
        return new Prepared(counts, file.toByteArray());
    }
}
