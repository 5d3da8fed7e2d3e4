package io.lockstep.platform.safety;

/**
 * One event of the safety supervisor overriding the commanded behaviour.
 *
 * @param kind the rule that acted
 * @param tick the tick at which it acted (for e-stop and dead-man events: the last tick the supervisor saw)
 * @param detail a human-readable description (what was requested, what was applied, why)
 */
public record Intervention(InterventionKind kind, long tick, String detail) {
}
