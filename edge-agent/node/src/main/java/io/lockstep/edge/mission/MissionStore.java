package io.lockstep.edge.mission;

import com.google.protobuf.InvalidProtocolBufferException;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The node's durable memory of its current mission: the assignment as C2 sent it and, once the
 * mission has ended, its outcome. After a crash the node resumes a mission that has an assignment
 * but no outcome. Each mission also gets its own directory for its journal.
 */
public final class MissionStore {

    private static final Logger LOG = Logger.getLogger(MissionStore.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** How a mission ended. */
    public record Outcome(NodeMissionState state, String detail) {
    }

    private final Path dir;
    private final Path missionsDir;

    public MissionStore(Path dataDir) {
        this.dir = dataDir.resolve("mission");
        this.missionsDir = dataDir.resolve("missions");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(missionsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** The directory of one mission's files; mission ids that are not safe file names are hashed. */
    public Path missionDir(String missionId) {
        String name = SAFE_NAME.matcher(missionId).matches()
                ? missionId
                : "m-" + BlobCache.sha256Hex(missionId.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        return missionsDir.resolve(name);
    }

    public Path journalPath(String missionId) {
        return missionDir(missionId).resolve("journal");
    }

    /** Records a newly accepted assignment (and forgets the previous mission's outcome). */
    public void saveAssignment(MissionAssignment assignment) {
        try {
            Files.createDirectories(missionDir(assignment.getMission().getId()));
            Files.deleteIfExists(dir.resolve("outcome"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAtomically(dir.resolve("assignment.pb"), assignment.toByteArray());
    }

    public void saveOutcome(NodeMissionState state, String detail) {
        writeAtomically(dir.resolve("outcome"), (state.name() + "\n" + detail).getBytes(StandardCharsets.UTF_8));
    }

    public Optional<MissionAssignment> assignment() {
        Path file = dir.resolve("assignment.pb");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MissionAssignment.parseFrom(Files.readAllBytes(file)));
        } catch (InvalidProtocolBufferException e) {
            LOG.errorf("stored assignment %s is unreadable (%s); not resuming it", file, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Outcome> outcome() {
        Path file = dir.resolve("outcome");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String state = nl < 0 ? text : text.substring(0, nl);
            return Optional.of(new Outcome(NodeMissionState.valueOf(state.trim()), nl < 0 ? "" : text.substring(nl + 1)));
        } catch (IllegalArgumentException e) {
            // Unknown state name: treat the mission as ended rather than resuming something unclear.
            return Optional.of(new Outcome(NodeMissionState.FAILED, "unreadable outcome file"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path file, byte[] data) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
