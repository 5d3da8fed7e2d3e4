package io.lockstep.cli.bench.node;

/**
 * The safety supervisor's cost per actuator command.
 *
 * @param supervisedNsPerCommand median time of {@code SafetySupervisor.apply} per command
 * @param straightNsPerCommand median time of sending the same command straight to the vehicle
 * @param measuredCommands commands timed each way (warm-up excluded)
 * @param distinctCommands length of the trace the commands cycle through
 * @param overriddenShare share of the trace's commands that a supervisor rule changed
 */
record SupervisorOverhead(double supervisedNsPerCommand, double straightNsPerCommand, long measuredCommands,
        int distinctCommands, double overriddenShare) {

    /** What the supervisor adds to each command, ns (never below zero: noise can make a tiny gap negative). */
    double overheadNsPerCommand() {
        return Math.max(0.0, supervisedNsPerCommand - straightNsPerCommand);
    }

    /** How many times the straight path's cost one supervised command takes. */
    double ratio() {
        return straightNsPerCommand > 0 ? supervisedNsPerCommand / straightNsPerCommand : Double.NaN;
    }
}
