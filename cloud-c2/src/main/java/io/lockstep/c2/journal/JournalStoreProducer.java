package io.lockstep.c2.journal;

import io.lockstep.c2.config.C2Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Picks the {@link JournalStore} named by {@code lockstep.c2.journals.storage}. */
@ApplicationScoped
public class JournalStoreProducer {

    @Produces
    @ApplicationScoped
    JournalStore journalStore(C2Config config) {
        return switch (config.journals().storage()) {
            case FILESYSTEM -> new FilesystemJournalStore(config.files().resolve("journals"));
        };
    }
}
