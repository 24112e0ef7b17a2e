package jp.kenshin.outreach.cycle.guard;

import java.lang.reflect.Field;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskDescriptionCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskNameCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine's other free-text stores, closed before a command runs: comments and attachments on tasks and
 * process instances (the engine checks no authorization for them, and the application uses neither) are
 * refused to everyone; a task's identity links name existing kinds of ids only (a user id, a group id); the
 * Java API's task rename and description commands are refused to contractor users.
 */
class FreeTextCommandGuard extends CommandInterceptor {

    private static final Pattern USER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9._@-]{1,64}");
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ProcessEngineConfigurationImpl configuration;

    FreeTextCommandGuard(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof AddCommentCmd || command instanceof UpdateCommentCmd || command instanceof CreateAttachmentCmd
                || command instanceof SaveAttachmentCmd) {
            throw new EngineInputRefused("コメントと添付はエンジンに保存できません（自由記述は個人情報を含みうるため）");
        }
        if ((command instanceof SetTaskNameCmd || command instanceof SetTaskDescriptionCmd)
                && EngineInputGuard.contractor(configuration.getIdentityService())) {
            throw EngineInputGuard.RENAME_REFUSED.get();
        }
        if (command instanceof AbstractAddIdentityLinkCmd) {
            String user = field(command, "userId");
            String group = field(command, "groupId");
            if (user != null && !USER_ID.matcher(user).matches() || group != null && !GROUP_ID.matcher(group).matches()) {
                throw new EngineInputRefused("タスクの担当候補は利用者IDかグループIDで指定してください");
            }
        }
        return next.execute(command);
    }

    private static String field(Object command, String name) {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                Object value = f.get(command);
                return value == null ? null : value.toString();
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read the identity link of " + command.getClass().getName(), e);
            }
        }
        throw new IllegalStateException("No " + name + " in " + command.getClass().getName());
    }
}
