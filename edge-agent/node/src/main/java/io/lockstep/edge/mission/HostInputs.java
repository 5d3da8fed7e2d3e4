package io.lockstep.edge.mission;

import java.util.ArrayList;
import java.util.List;

/**
 * Inputs raised between ticks (supervisor interventions, e-stop changes, link-policy transitions,
 * operator test inputs) waiting to be fed into the next tick, where the runtime journals them.
 * Filled from any thread, drained by the tick loop.
 */
public final class HostInputs {

    /** One pending input: a host event or an operator command, with its kind and payload. */
    public record Pending(boolean command, String kind, byte[] data) {
    }

    private List<Pending> pending = new ArrayList<>();

    public synchronized void hostEvent(String kind, byte[] data) {
        pending.add(new Pending(false, kind, data.clone()));
    }

    public synchronized void command(String kind, byte[] data) {
        pending.add(new Pending(true, kind, data.clone()));
    }

    /** Everything queued since the last call, in the order it was raised. */
    public synchronized List<Pending> drain() {
        List<Pending> out = pending;
        pending = new ArrayList<>();
        return out;
    }
}
