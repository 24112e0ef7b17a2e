package jp.kenshin.outreach.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kenshin.outreach.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class DemoUsersIT {

    @Autowired
    DemoUsers demoUsers;
    @Autowired
    IdentityService identity;

    @Test
    void createsOneUserPerGroupOfTheDesignAndCanRunTwice() {
        demoUsers.create();
        demoUsers.create();

        for (String group : new String[] {"ward-staff", "contractor-lead", "contractor-operator", "analyst", "auditor"}) {
            assertThat(identity.createUserQuery().memberOfGroup(group).count()).as(group).isGreaterThanOrEqualTo(1);
        }
        assertThat(identity.checkPassword("ward", "ward-demo")).isTrue();
        assertThat(identity.checkPassword("ward", "wrong")).isFalse();
    }

    @Test
    void theCurrentFiscalYearStartsInApril() {
        assertThat(DemoWard.currentFiscalYear(java.time.LocalDate.of(2027, 3, 31))).isEqualTo(2026);
        assertThat(DemoWard.currentFiscalYear(java.time.LocalDate.of(2026, 4, 1))).isEqualTo(2026);
    }
}
