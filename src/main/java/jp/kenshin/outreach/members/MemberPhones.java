package jp.kenshin.outreach.members;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The members' phones as other capabilities may change them: the member table is this package's to write. */
@Service
public class MemberPhones {

    private final JdbcTemplate jdbc;

    public MemberPhones(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A call found the number wrong: the person is not called again in this fiscal year's cycle. */
    public void markUnusable(long memberId) {
        jdbc.update("update member set phone_usable = false where id = ?", memberId);
    }
}
