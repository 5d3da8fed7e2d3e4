package io.lockstep.edge.safety;

import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.Intervention;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetySupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Makes the supervisor's e-stop latch survive a restart: a crash or power cycle must not release a
 * vehicle someone stopped. Every e-stop event (whatever its source) writes the latch file; a
 * successful clear by a commander deletes it; at start-up a present file re-engages the e-stop before
 * any mission resumes.
 */
public final class EmergencyStopLatch implements Consumer<Intervention> {

    private static final Logger LOG = Logger.getLogger(EmergencyStopLatch.class);

    private final SafetySupervisor supervisor;
    private final Path file;

    public EmergencyStopLatch(SafetySupervisor supervisor, Path file) {
        this.supervisor = supervisor;
        this.file = file;
    }

    /** Re-engages a latch that was set when the node stopped, then follows every new one. */
    public void install() {
        if (Files.isRegularFile(file)) {
            String before;
            try {
                before = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                before = "unreadable latch file: " + e.getMessage();
            }
            LOG.warnf("e-stop was latched when the node stopped (%s): latching it again", before);
            supervisor.engageEmergencyStop(EstopSource.C2, "restored after restart (" + before + ")");
        }
        supervisor.addListener(this);
    }

    @Override
    public void accept(Intervention event) {
        if (event.kind() == InterventionKind.ESTOP) {
            write(event.detail());
        }
    }

    /** Clears the latch for a commander; false (latch kept) for a source that may not clear it. */
    public synchronized boolean clear(EstopSource source) {
        if (!supervisor.clearEmergencyStop(source)) {
            return false;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the e-stop latch file " + file, e);
        }
        return true;
    }

    private synchronized void write(String detail) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, detail, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The vehicle is stopped either way; only the memory of it across a restart is at risk.
            LOG.errorf(e, "cannot persist the e-stop latch to %s", file);
        }
    }
}
