package io.lockstep.c2.journal;

/** A stored journal that cannot be replayed as this mission's (unreadable, other modules, other mission). */
public class UnreplayableJournalException extends RuntimeException {

    public UnreplayableJournalException(String message) {
        super(message);
    }
}
