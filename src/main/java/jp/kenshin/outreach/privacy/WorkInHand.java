package jp.kenshin.outreach.privacy;

/**
 * The work a contractor user holds, as the door needs to know it (issue 11, need-to-know): a call task or
 * an inquiry's answer task that is open and assigned to them, or unassigned and offered to one of their groups.
 * The engine adapters answer it; the door only asks.
 */
public interface WorkInHand {

    /** A task held: which purpose it serves, the case or inquiry it belongs to, and the person it is about (if known yet). */
    record Work(Purpose purpose, String taskId, String workRef, int fiscalYear, Long memberId) {
    }

    /** Either the work, or the reason the requester does not hold it (ids only). */
    record Held(Work work, String refusal) {
        public static Held of(Work work) {
            return new Held(work, null);
        }

        public static Held refused(String reason) {
            return new Held(null, reason);
        }
    }

    /** The work the task id names for the purpose, if the requester holds it now. */
    Held held(Requester who, Purpose purpose, String taskId);
}
