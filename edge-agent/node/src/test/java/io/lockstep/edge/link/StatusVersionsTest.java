package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusVersionsTest {

    @TempDir
    Path dir;

    @Test
    void versionsGrowAndStayAboveEverythingHandedOutBeforeARestart() {
        Path file = dir.resolve("link/status-version");
        long last;
        try (StatusVersions versions = new StatusVersions(file)) {
            assertEquals(1, versions.next());
            assertEquals(2, versions.next());
            for (int i = 0; i < StatusVersions.BLOCK + 5; i++) {
                versions.next();
            }
            last = versions.next();
        }
        // A crash loses the in-memory counter; the reserved block's end was persisted first.
        try (StatusVersions reopened = new StatusVersions(file)) {
            long first = reopened.next();
            assertTrue(first > last, first + " > " + last);
            assertTrue(reopened.next() > first);
        }
    }

    @Test
    void aTornFileStartsFromTheLastIntactReservation() throws Exception {
        Path file = dir.resolve("status-version");
        try (StatusVersions versions = new StatusVersions(file)) {
            versions.next();
        }
        java.nio.file.Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        try (StatusVersions reopened = new StatusVersions(file)) {
            assertTrue(reopened.next() > StatusVersions.BLOCK);
        }
    }
}
