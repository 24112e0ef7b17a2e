package jp.kenshin.outreach.results;

import java.util.List;

/**
 * Published once a results import has committed: the members of the cycle who newly have a checkup of
 * the cycle's own fiscal year on record. Carries ids only; the engine adapters end these people's calls.
 */
public record AttendanceRecorded(int cycleYear, List<Long> memberIds) {

    public AttendanceRecorded {
        memberIds = List.copyOf(memberIds);
    }
}
