package io.lockstep.c2.fleet;

import java.time.Instant;

/**
 * Whether C2 hears from a node right now. OUT_OF_CONTACT when its link is down or it has been silent
 * longer than {@code lockstep.c2.fleet.contact-timeout}; {@code since} is then the last time C2 heard
 * from it (null while in contact).
 */
public record NodeContact(State state, Instant since) {

    public enum State {
        IN_CONTACT,
        OUT_OF_CONTACT
    }
}
