package jp.kenshin.outreach.cycle.guard;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * The engine refused input that is not the process's: an undeclared variable, a value of the wrong type, a
 * business key not of the process's id shape, a task renamed by a contractor user. The message names the
 * variable or field, never the value, so it may be shown and logged as it is.
 */
public class EngineInputRefused extends BadUserRequestException {

    private static final long serialVersionUID = 1L;

    public EngineInputRefused(String message) {
        super(message);
    }
}
