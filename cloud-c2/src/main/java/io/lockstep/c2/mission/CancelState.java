package io.lockstep.c2.mission;

import java.time.Instant;

/**
 * A commander's cancel request for one node's share and the node's answer: {@code REQUESTED} (sent, no
 * answer yet), {@code ACCEPTED} (the node stops; its share ends ABORTED) or {@code REFUSED} with the node's
 * reason (already done, past its point of no return, ...).
 */
public record CancelState(String state, String reason, Instant requestedAt, String answer, Instant answeredAt) {

    public static final String REQUESTED = "REQUESTED";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REFUSED = "REFUSED";

    public static CancelState requested(String reason, Instant at) {
        return new CancelState(REQUESTED, reason, at, "", null);
    }

    public CancelState answered(boolean accepted, String nodeAnswer, Instant at) {
        return new CancelState(accepted ? ACCEPTED : REFUSED, reason, requestedAt, nodeAnswer, at);
    }
}
