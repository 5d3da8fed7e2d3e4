package io.lockstep.runtime;

/**
 * A module was refused at load: malformed or invalid bytes, over a size or memory limit, a missing or
 * mistyped export, an unknown or ungranted import, or a wrong ABI version. The message names the agent and
 * the offending export, import or limit.
 */
public class ModuleRejectedException extends RuntimeException {
    private final String agent;

    public ModuleRejectedException(String agent, String reason) {
        super("agent '" + agent + "' refused: " + reason);
        this.agent = agent;
    }

    public ModuleRejectedException(String agent, String reason, Throwable cause) {
        super("agent '" + agent + "' refused: " + reason, cause);
        this.agent = agent;
    }

    /** Name of the refused agent. */
    public String agent() {
        return agent;
    }
}
