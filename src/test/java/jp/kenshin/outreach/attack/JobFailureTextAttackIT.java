package jp.kenshin.outreach.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.sql.DataSource;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A job that fails with a library's message quoting a person's value (a parse error of a name, say) must not carry
 * the value into the engine: not into the job's exception message or stack trace, the incident Cockpit shows, any
 * other engine table, or the log. The application's own refusal stays readable, and the stack frames stay for
 * whoever looks into the failure.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class JobFailureTextAttackIT {

    /** A synthetic person's name; the delegates read it from here, so no process variable carries it. */
    static volatile String name;

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void aSyntheticPerson() throws Exception {
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        new SyntheticWardGenerator(new SyntheticWardSpec(20261202L, 30, 2133, StandardCharsets.UTF_8)).writeMembers(members);
        name = AttackSupport.person(members.toByteArray(), 0).name();
    }

    /** Parses the name as a number: the JDK's message quotes it. */
    public static class QuotingLibraryFailure implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            Integer.parseInt(name);
        }
    }

    /** The application's refusal, caused by the same library failure. */
    public static class OwnRefusal implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            try {
                Integer.parseInt(name);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("バッチ 3 の宛名を描けません", e);
            }
        }
    }

    @Test
    void aFailedJobKeepsNoQuotedValueAnywhereInTheEngineNorInTheLog(CapturedOutput output) throws Exception {
        repository.createDeployment().name("job-failure-text")
                .addModelInstance("job-failure-text-library.bpmn", Bpmn.createExecutableProcess("job-failure-text-library")
                        .camundaHistoryTimeToLive(1).startEvent().serviceTask("Task_Parse").camundaAsyncBefore()
                        .camundaClass(QuotingLibraryFailure.class.getName()).endEvent().done())
                .addModelInstance("job-failure-text-own.bpmn", Bpmn.createExecutableProcess("job-failure-text-own")
                        .camundaHistoryTimeToLive(1).startEvent().serviceTask("Task_Render").camundaAsyncBefore()
                        .camundaClass(OwnRefusal.class.getName()).endEvent().done())
                .deploy();

        Incident library = failOnce("job-failure-text-library");
        assertThat(library.getIncidentMessage()).isEqualTo("java.lang.NumberFormatException");
        Job libraryJob = management.createJobQuery().jobId(library.getConfiguration()).singleResult();
        assertThat(libraryJob.getExceptionMessage()).doesNotContain(name);
        assertThat(management.getJobExceptionStacktrace(libraryJob.getId())).doesNotContain(name)
                .contains("java.lang.NumberFormatException (message withheld)")
                .contains("JobFailureTextAttackIT$QuotingLibraryFailure.execute");

        Incident own = failOnce("job-failure-text-own");
        assertThat(own.getIncidentMessage()).isEqualTo("バッチ 3 の宛名を描けません");
        assertThat(management.getJobExceptionStacktrace(own.getConfiguration())).doesNotContain(name)
                .contains("JobFailureTextAttackIT$OwnRefusal.execute");

        assertThat(AttackSupport.engineColumnsHolding(dataSource, Set.of(name))).isEmpty();
        assertThat(output.getAll()).doesNotContain(name);
    }

    /** Starts an instance and runs its job with one retry left, as the job executor would: it fails into an incident. */
    private Incident failOnce(String processKey) {
        String instance = runtime.startProcessInstanceByKey(processKey).getId();
        Job job = management.createJobQuery().processInstanceId(instance).singleResult();
        management.setJobRetries(job.getId(), 1);
        assertThatThrownBy(() -> management.executeJob(job.getId())).isNotNull();
        return runtime.createIncidentQuery().processInstanceId(instance).singleResult();
    }
}
