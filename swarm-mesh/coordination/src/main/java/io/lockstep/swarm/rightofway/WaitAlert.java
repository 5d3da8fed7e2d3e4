package io.lockstep.swarm.rightofway;

import java.util.List;

/** A wait that lasted longer than the timeout: who waited, for whom, since when, and in which manoeuvre. */
public record WaitAlert(String nodeId, Manoeuvre manoeuvre, List<String> waitingFor, long sinceMs, long raisedAtMs) {

    public WaitAlert {
        waitingFor = List.copyOf(waitingFor);
    }

    public String describe() {
        return nodeId + " has been in " + manoeuvre + " for " + (raisedAtMs - sinceMs) + " ms waiting for "
                + (waitingFor.isEmpty() ? "its zones to settle" : String.join(", ", waitingFor));
    }
}
