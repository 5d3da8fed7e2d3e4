package io.lockstep.c2.retention;

import io.lockstep.c2.approval.SimulationRecord;
import io.lockstep.c2.approval.SimulationRunner;
import io.lockstep.c2.approval.SimulationStore;
import io.lockstep.c2.journal.JournalUploads;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an archived mission leaves behind besides its record: its simulations (Redis records, approvals and
 * journal directories) and the journals its nodes uploaded (files and Redis metadata). The archive file
 * keeps the mission and its final statuses; these go with the mission out of Redis and off the disk.
 */
@ApplicationScoped
public class ArchivedMissionCleanup {

    /** What was deleted for one mission. */
    public record Deleted(List<String> simulations, Set<String> journalsOfNodes) {
    }

    private final SimulationStore simulations;
    private final SimulationRunner runner;
    private final JournalUploads journals;

    public ArchivedMissionCleanup(SimulationStore simulations, SimulationRunner runner, JournalUploads journals) {
        this.simulations = simulations;
        this.runner = runner;
        this.journals = journals;
    }

    /** True while a simulation of the mission runs here (the sweep leaves it for the next round then). */
    public boolean busy(String missionId) {
        return runner.missionsInFlight().contains(missionId);
    }

    public Deleted delete(String missionId, Collection<String> nodeIds) {
        List<SimulationRecord> removed = simulations.deleteMission(missionId);
        for (SimulationRecord simulation : removed) {
            Path dir = runner.journalDir(simulation);
            deleteTree(dir);
            deleteIfEmpty(dir.getParent());
        }
        Set<String> nodes = journals.deleteMission(missionId, nodeIds);
        return new Deleted(removed.stream().map(SimulationRecord::id).toList(), nodes);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException | NoSuchFileException stillUsed) {
            // another mission with the same bytes keeps its simulations there
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
