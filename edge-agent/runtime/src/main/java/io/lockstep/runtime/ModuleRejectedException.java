package io.lockstep.runtime;

import java.util.Objects;

/**
 * A module was refused at load: malformed or invalid bytes, over a size or memory limit, a missing or
 * mistyped export, an unknown or ungranted import, or a wrong ABI version. The message names the agent and
 * the offending export, import or limit; {@link #fault()} says which part of the agent definition is at fault.
 */
public class ModuleRejectedException extends RuntimeException {

    /** Which part of the agent definition a refusal is about, so callers can point at the right field. */
    public enum Fault {
        /** The module itself: malformed or invalid bytes, ABI imports or exports, ABI version. */
        MODULE,
        /** The module breaks one of the mission's limits: module size or declared memory pages. */
        LIMITS,
        /** The module imports a host function the agent's grant does not list. */
        UNGRANTED_IMPORT,
        /** The grant subscribes to topics but the module exports no {@code lockstep_on_message}. */
        NO_MESSAGE_HANDLER
    }

    private final String agent;
    private final Fault fault;
    private final String reason;

    public ModuleRejectedException(String agent, String reason) {
        this(agent, Fault.MODULE, reason, null);
    }

    public ModuleRejectedException(String agent, String reason, Throwable cause) {
        this(agent, Fault.MODULE, reason, cause);
    }

    public ModuleRejectedException(String agent, Fault fault, String reason) {
        this(agent, fault, reason, null);
    }

    public ModuleRejectedException(String agent, Fault fault, String reason, Throwable cause) {
        super("agent '" + agent + "' refused: " + reason, cause);
        this.agent = agent;
        this.fault = Objects.requireNonNull(fault, "fault");
        this.reason = reason;
    }

    /** Name of the refused agent. */
    public String agent() {
        return agent;
    }

    /** Which part of the agent definition is at fault. */
    public Fault fault() {
        return fault;
    }

    /** The problem alone, without the agent's name: e.g. {@code missing required export lockstep_tick ...}. */
    public String reason() {
        return reason;
    }
}
