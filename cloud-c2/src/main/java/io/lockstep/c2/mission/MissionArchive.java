package io.lockstep.c2.mission;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finished missions moved out of Redis: one JSON file per mission under {@code <data-dir>/archive/missions}
 * holding the mission record and every node's final status.
 */
@ApplicationScoped
public class MissionArchive {

    /** Mission ids are UUIDs chosen by C2; anything else never names an archive file. */
    private static final Pattern MISSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** What an archive file holds. */
    public record ArchivedMission(MissionRecord mission, Map<String, NodeMissionStatus> nodes, Instant archivedAt) {
    }

    private final Path dir;
    private final JsonCodec json;

    public MissionArchive(C2Config config, JsonCodec json) {
        this.dir = config.files().resolve("archive").resolve("missions");
        this.json = json;
    }

    /** Writes the archive file (complete or not at all) and returns its path. */
    public Path write(MissionRecord mission, Map<String, NodeMissionStatus> nodes, Instant at) {
        Path target = file(mission.id()).orElseThrow(() -> new IllegalArgumentException("bad mission id " + mission.id()));
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, mission.id(), ".part");
            try {
                Files.writeString(temporary, json.write(new ArchivedMission(mission, nodes, at)), StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot archive mission " + mission.id() + " in " + dir, e);
        }
    }

    /** When the mission was archived, if it was. */
    public Optional<Instant> archivedAt(String missionId) {
        return file(missionId).filter(Files::isRegularFile)
                .map(path -> read(path).archivedAt());
    }

    private ArchivedMission read(Path path) {
        try {
            return json.read(Files.readString(path, StandardCharsets.UTF_8), ArchivedMission.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read archived mission " + path, e);
        }
    }

    private Optional<Path> file(String missionId) {
        return missionId != null && MISSION_ID.matcher(missionId).matches()
                ? Optional.of(dir.resolve(missionId + ".json")) : Optional.empty();
    }
}
