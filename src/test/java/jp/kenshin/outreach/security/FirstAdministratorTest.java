package jp.kenshin.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstAdministratorTest {

    @Test
    void noFirstAdministratorWithoutAPasswordOrWithAShortOrTheIdAsPassword() {
        assertThat(FirstAdministrator.problem(null, null)).isEmpty();
        assertThat(FirstAdministrator.problem("", "")).isEmpty();
        assertThat(FirstAdministrator.problem("admin", null)).get().asString()
                .contains("camunda.bpm.admin-user.password", "at least 12 characters");
        assertThat(FirstAdministrator.problem("admin", " ")).isPresent();
        assertThat(FirstAdministrator.problem("admin", "short-pw")).get().asString().doesNotContain("short-pw");
        assertThat(FirstAdministrator.problem("administrator", "administrator")).isPresent();
        assertThat(FirstAdministrator.problem("admin", "a-long-enough-secret")).isEmpty();
    }
}
