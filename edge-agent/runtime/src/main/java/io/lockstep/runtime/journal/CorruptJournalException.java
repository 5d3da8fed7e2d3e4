package io.lockstep.runtime.journal;

import io.lockstep.runtime.JournalException;

/** A journal that is corrupt before its last record (as opposed to one that cannot be read at all). */
final class CorruptJournalException extends JournalException {
    CorruptJournalException(String message) {
        super(message);
    }
}
