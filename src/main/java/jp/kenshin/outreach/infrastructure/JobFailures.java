package jp.kenshin.outreach.infrastructure;

import jp.kenshin.outreach.infrastructure.logging.WithheldMessages;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * How the engine takes a failed job.
 *
 * <p>A job that lost an optimistic-locking conflict is retried at once, not after its activity's retry cycle.
 *
 * <p>With several job executor threads, or several nodes on one database, two jobs of one process instance may
 * change the same execution at once (the completions of two batches of the mailing's parallel multi-instance
 * both count the completed instances on its body): the engine rolls one back with an
 * {@link OptimisticLockingException}. That is not a failure of the job's work: the engine already keeps its
 * retries (7.24), but an activity's retry cycle ({@code R3/PT1M} on a batch) would still put it off by a
 * minute. Here such a job is only unlocked, to run again as soon as a node acquires it; every other failure
 * takes the engine's usual way.
 *
 * <p>What the engine keeps of a failure (the job's exception message and stack trace, and the incident's message
 * shown in Cockpit) is the application's own message, or else the exception's class, over the chain's stack frames
 * with every message withheld ({@link WithheldMessages#forTheEngine}): a library's message may quote a value, and
 * the engine's tables carry ids and counts only. With history level full the job log keeps a failure too; the engine
 * guard's history producer gives it the same.
 */
@Component
public class JobFailures extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(new Factory());
    }

    static final class Factory implements FailedJobCommandFactory {
        @Override
        public Command<Object> getCommand(String jobId, Throwable exception) {
            return new RetryAtOnceOnConflict(jobId, exception);
        }
    }

    static boolean isConflict(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }

    static final class RetryAtOnceOnConflict extends DefaultJobRetryCmd {

        /** The failure as thrown: whether it was a conflict. The engine keeps only {@link #exception}, withheld. */
        private final boolean conflict;

        RetryAtOnceOnConflict(String jobId, Throwable exception) {
            super(jobId, WithheldMessages.forTheEngine(exception));
            this.conflict = isConflict(exception);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            if (!conflict) {
                return super.execute(commandContext);
            }
            JobEntity job = getJob();
            if (job != null) {
                job.unlock(); // retries and due date as they were: the next acquisition takes it again
                notifyAcquisition(commandContext);
            }
            return null;
        }
    }
}
