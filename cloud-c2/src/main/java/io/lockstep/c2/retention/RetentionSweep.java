package io.lockstep.c2.retention;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.mission.MissionArchive;
import io.lockstep.c2.mission.MissionRecord;
import io.lockstep.c2.mission.MissionService;
import io.lockstep.c2.mission.MissionStateDeriver;
import io.lockstep.c2.mission.MissionStore;
import io.lockstep.c2.mission.ModelSpec;
import io.lockstep.c2.mission.NodeMissionStatus;
import io.lockstep.c2.module.BlobUse;
import io.lockstep.c2.module.ModelStore;
import io.lockstep.c2.module.ModuleStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps Redis from growing forever: archives missions that finished more than
 * {@code lockstep.c2.retention.finished-missions} ago (to files, see {@link MissionArchive}; their simulations
 * and uploaded journals are deleted, {@link ArchivedMissionCleanup}) and deletes
 * modules and models that no mission in Redis refers to, once they are older than
 * {@code lockstep.c2.retention.unreferenced-blobs}. {@link RetentionSchedule} runs it periodically.
 */
@ApplicationScoped
public class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    /** What one sweep did. */
    public record Result(List<String> archivedMissions, List<String> deletedModules, List<String> deletedModels) {
    }

    private final MissionStore missions;
    private final MissionService missionService;
    private final MissionArchive archive;
    private final ModuleStore modules;
    private final ModelStore models;
    private final BlobUse blobUse;
    private final Duration finishedMissions;
    private final Duration unreferencedBlobs;
    private final ArchivedMissionCleanup cleanup;

    public RetentionSweep(MissionStore missions, MissionService missionService, MissionArchive archive,
            ModuleStore modules, ModelStore models, BlobUse blobUse, C2Config config, ArchivedMissionCleanup cleanup) {
        this.cleanup = cleanup;
        this.missions = missions;
        this.missionService = missionService;
        this.archive = archive;
        this.modules = modules;
        this.models = models;
        this.blobUse = blobUse;
        this.finishedMissions = config.retention().finishedMissions();
        this.unreferencedBlobs = config.retention().unreferencedBlobs();
    }

    public Result sweep(Instant now) {
        List<String> archived = archiveFinished(now);
        return blobUse.deleting(() -> {
            Set<String> usedModules = new HashSet<>();
            Set<String> usedModels = new HashSet<>();
            for (MissionRecord mission : missions.list()) {
                mission.spec().agents().forEach(agent -> usedModules.add(agent.module()));
                mission.spec().models().stream().map(ModelSpec::sha256).forEach(usedModels::add);
            }
            Instant uploadedBefore = now.minus(unreferencedBlobs);
            List<String> deletedModules = modules.digests().stream()
                    .filter(sha -> !usedModules.contains(sha))
                    .filter(sha -> modules.find(sha).map(r -> !r.storedAt().isAfter(uploadedBefore)).orElse(true))
                    .peek(modules::delete)
                    .toList();
            List<String> deletedModels = models.digests().stream()
                    .filter(sha -> !usedModels.contains(sha))
                    .filter(sha -> models.find(sha).map(r -> !r.storedAt().isAfter(uploadedBefore)).orElse(true))
                    .peek(models::delete)
                    .toList();
            if (!archived.isEmpty() || !deletedModules.isEmpty() || !deletedModels.isEmpty()) {
                LOG.infof("Retention: archived %d finished missions, deleted %d unreferenced modules and %d models",
                        archived.size(), deletedModules.size(), deletedModels.size());
            }
            return new Result(archived, deletedModules, deletedModels);
        });
    }

    private List<String> archiveFinished(Instant now) {
        Instant finishedBefore = now.minus(finishedMissions);
        return missions.list().stream()
                .filter(mission -> missionService.locked(mission.id(), () -> archiveIfDue(mission.id(), finishedBefore, now)))
                .map(MissionRecord::id)
                .toList();
    }

    private boolean archiveIfDue(String missionId, Instant finishedBefore, Instant now) {
        Optional<MissionRecord> found = missions.find(missionId);
        if (found.isEmpty()) {
            return false;
        }
        MissionRecord mission = found.get();
        Map<String, NodeMissionStatus> statuses = missions.nodeStatuses(missionId);
        if (!MissionStateDeriver.isTerminal(MissionStateDeriver.derive(mission, statuses.values()))) {
            return false;
        }
        // Finished when the last thing happened to it: the abort, or the last node report.
        Instant finishedAt = statuses.values().stream().map(NodeMissionStatus::updatedAt)
                .reduce(mission.abortedAt() == null ? mission.createdAt() : mission.abortedAt(),
                        (a, b) -> b != null && b.isAfter(a) ? b : a);
        if (finishedAt.isAfter(finishedBefore) || cleanup.busy(missionId)) {
            return false;
        }
        archive.write(mission, statuses, now);
        missions.delete(missionId);
        java.util.Set<String> nodes = new java.util.TreeSet<>(statuses.keySet());
        mission.shares().forEach(share -> nodes.add(share.nodeId()));
        ArchivedMissionCleanup.Deleted deleted = cleanup.delete(missionId, nodes);
        LOG.debugf("Archived mission %s with %d simulations and the journals of %d nodes", missionId,
                deleted.simulations().size(), deleted.journalsOfNodes().size());
        return true;
    }
}
