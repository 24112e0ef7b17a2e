package jp.kenshin.outreach.inquiry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.calling.ContactOptedOut;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.PersonalDataService.CallerLookup;
import jp.kenshin.outreach.privacy.PersonalDataService.PersonView;
import jp.kenshin.outreach.privacy.PersonalDataService.SealedNote;
import jp.kenshin.outreach.privacy.Purpose;
import jp.kenshin.outreach.privacy.Requester;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inquiry desk: one inquiry per inbound call, the caller found through the door (purpose INQUIRY),
 * what it was about and what was answered, escalation to the ward. "Stop contacting me" records an
 * opt-out that ends the person's calls and keeps them out of any further contact this cycle.
 */
@Service
public class InquiryService {

    /** An inquiry as the engine and the reports see it: ids and codes. */
    public record Inquiry(String id, int fiscalYear, Long memberId, InquiryCategory category, boolean escalated,
            LocalDate escalationDue, String state, String receivedBy, String answeredBy) {
    }

    /** What the operator records. */
    public record Answer(InquiryCategory category, String note, boolean escalate, LocalDate escalationDue) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataService door;
    private final CallCaseService calls;
    private final ApplicationEventPublisher events;

    public InquiryService(JdbcTemplate jdbc, PersonalDataService door, CallCaseService calls, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.door = door;
        this.calls = calls;
        this.events = events;
    }

    /** Registers an inbound call; the id is the inquiry process's business key. */
    @Transactional
    public String open(int fiscalYear, String receivedBy) {
        if (fiscalYear < 2000 || fiscalYear > 9999) {
            throw new IllegalArgumentException("年度が正しくありません: " + fiscalYear);
        }
        String id = jdbc.queryForObject("select 'IQ' || ? || 'N' || lpad(nextval('inquiry_seq')::text, 6, '0')", String.class,
                fiscalYear);
        jdbc.update("insert into inquiry (id, fiscal_year, received_by) values (?, ?, ?)", id, fiscalYear, receivedBy);
        return id;
    }

    public void attachProcess(String inquiryId, String processInstanceId) {
        jdbc.update("update inquiry set process_instance_id = ? where id = ?", processInstanceId, inquiryId);
    }

    public Inquiry find(String inquiryId) {
        return jdbc.query("""
                select id, fiscal_year, member_id, category, escalated, escalation_due, state, received_by, answered_by
                from inquiry where id = ?""", (rs, i) -> new Inquiry(rs.getString("id"), rs.getInt("fiscal_year"),
                        (Long) rs.getObject("member_id"),
                        rs.getString("category") == null ? null : InquiryCategory.valueOf(rs.getString("category")),
                        rs.getBoolean("escalated"), rs.getObject("escalation_due", LocalDate.class), rs.getString("state"),
                        rs.getString("received_by"), rs.getString("answered_by")), inquiryId)
                .stream().findFirst().orElseThrow(() -> new java.util.NoSuchElementException("問い合わせ " + jp.kenshin.outreach.Ids.shown(inquiryId) + " はありません"));
    }

    /**
     * Looks the caller up through the door. The latest lookup decides who the caller is: when exactly one person
     * is found, the inquiry is linked to them; when nobody or several are found, an earlier link is dropped until
     * the operator chooses (so an opt-out or address change is never recorded for the person of an earlier lookup).
     */
    @Transactional
    public List<PersonView> lookUp(Requester who, String inquiryId, CallerLookup lookup, AccessContext why) {
        Inquiry inquiry = find(inquiryId);
        List<PersonView> found = door.findCaller(who, inquiry.fiscalYear(), lookup, why);
        if (found.size() == 1) {
            link(inquiryId, found.get(0).memberId());
        } else {
            jdbc.update("update inquiry set member_id = null where id = ? and state = 'OPEN'", inquiryId);
        }
        return found;
    }

    /** Links the caller an operator chose among several found: only one of those the latest lookup found (403 otherwise). */
    @Transactional
    public void chooseCaller(Requester who, String inquiryId, long memberId, AccessContext why) {
        Inquiry inquiry = find(inquiryId);
        door.admitCallerChoice(who, inquiry.fiscalYear(), inquiryId, memberId, why);
        link(inquiryId, memberId);
    }

    /** Links the caller chosen among several found. */
    public void link(String inquiryId, long memberId) {
        Inquiry inquiry = find(inquiryId);
        int linked = jdbc.update("""
                update inquiry set member_id = ? where id = ? and exists (select 1 from member where id = ? and fiscal_year = ?)""",
                memberId, inquiryId, memberId, inquiry.fiscalYear());
        if (linked == 0) {
            throw new IllegalArgumentException("対象者 " + memberId + " は " + inquiry.fiscalYear() + " 年度の被保険者にいません");
        }
    }

    /** Records what the call was about and what was answered (the note sealed through the door). */
    @Transactional
    public Inquiry answer(Requester who, String inquiryId, Answer answer, AccessContext why) {
        Inquiry inquiry = find(inquiryId);
        if (!"OPEN".equals(inquiry.state())) {
            throw new IllegalStateException("問い合わせ " + inquiryId + " はすでに回答済みです");
        }
        if (answer.category() == null) {
            throw new IllegalArgumentException("問い合わせの分類を選んでください");
        }
        if ((answer.category() == InquiryCategory.STOP_CONTACT || answer.category() == InquiryCategory.ADDRESS_CHANGE)
                && inquiry.memberId() == null) {
            throw new IllegalArgumentException("「" + answer.category().label() + "」は本人を照会してから記録してください");
        }
        if (answer.escalate() && answer.escalationDue() == null) {
            throw new IllegalArgumentException("区への引継ぎには対応期限（escalationDue）が必要です");
        }
        byte[] note = answer.note() == null || answer.note().isBlank() ? null
                : door.sealNote(who, Purpose.INQUIRY, inquiry.fiscalYear(), inquiry.memberId(), binding(inquiryId),
                        answer.note().strip(), why);
        jdbc.update("""
                update inquiry set category = ?, escalated = ?, escalation_due = ?, note = ?, state = 'ANSWERED',
                  answered_by = ?, answered_at = now() where id = ? and state = 'OPEN'""",
                answer.category().name(), answer.escalate(), answer.escalationDue(), note, who.userId(), inquiryId);
        return find(inquiryId);
    }

    /**
     * The answer note for the ward's follow-up (through the door, purpose INQUIRY). Read only by the ward's staff, the
     * contractor's person in charge (contractor-lead) and the operator who wrote it; anyone else is refused (403) and
     * the refusal is on record.
     */
    public Optional<String> note(Requester who, String inquiryId, AccessContext why) {
        Inquiry inquiry = find(inquiryId);
        if (!who.in(Requester.WARD_STAFF) && !who.in(Requester.CONTRACTOR_LEAD) && !who.userId().equals(inquiry.answeredBy())) {
            door.refuse(who, "READ_NOTE", Purpose.INQUIRY, inquiry.fiscalYear(),
                    inquiry.memberId() == null ? List.of() : List.of(inquiry.memberId()), why,
                    "ユーザー " + who.userId() + "：問い合わせ " + inquiryId + " の内容は、記録した担当者、取扱責任者と区の職員だけが閲覧できます");
        }
        byte[] sealed = jdbc.queryForObject("select note from inquiry where id = ?", byte[].class, inquiryId);
        if (sealed == null) {
            return Optional.empty();
        }
        return Optional.of(door.openNotes(who, Purpose.INQUIRY, inquiry.fiscalYear(),
                inquiry.memberId() == null ? List.of() : List.of(inquiry.memberId()),
                List.of(new SealedNote(binding(inquiryId), sealed)), why).get(0));
    }

    /** "Stop contacting me": records the opt-out and ends the person's calls (after commit). */
    @Transactional
    public boolean optOut(String inquiryId, String by) {
        Inquiry inquiry = find(inquiryId);
        if (inquiry.memberId() == null) {
            throw new IllegalStateException("問い合わせ " + inquiryId + " の本人が照会されていません");
        }
        boolean recorded = calls.recordOptOut(inquiry.fiscalYear(), inquiry.memberId(), "INQUIRY", inquiryId, by);
        events.publishEvent(new ContactOptedOut(inquiry.fiscalYear(), inquiry.memberId()));
        return recorded;
    }

    public void close(String inquiryId) {
        jdbc.update("update inquiry set state = 'CLOSED', closed_at = now() where id = ? and state <> 'CLOSED'", inquiryId);
    }

    private static String binding(String inquiryId) {
        return "inquiry-note:" + inquiryId;
    }
}
