package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.cli.fleet.C2Api;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Journals come home (docs/journal-upload.md): after the mission every surviving node uploads its journal to
 * C2 over the link. The demo waits for each upload to complete, checks C2's copy has the SHA-256 of the node's
 * own file, has C2 replay it with the mission's modules, and adds {@code journals_home} to summary.json.
 */
final class DemoJournals {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** One node's journal as C2 holds it. */
    record Home(String state, boolean sameBytes, boolean replayMatches, String detail) {
        boolean verified() {
            return "COMPLETE".equals(state) && sameBytes && replayMatches;
        }
    }

    private final Map<String, Home> homes;

    private DemoJournals(Map<String, Home> homes) {
        this.homes = homes;
    }

    static DemoJournals check(C2Api c2, String missionId, List<NodeResult> results, PrintStream console) {
        Map<String, Home> homes = new LinkedHashMap<>();
        for (NodeResult node : results) {
            if (!node.killed()) {
                homes.put(node.id(), home(c2, missionId, node));
                console.println("  journal of " + node.id() + " on C2: " + homes.get(node.id()).detail());
            }
        }
        return new DemoJournals(homes);
    }

    private static Home home(C2Api c2, String missionId, NodeResult node) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode metadata = null;
        while (System.nanoTime() < deadline) {
            try {
                metadata = c2.journalMetadata(missionId, node.id());
                if ("COMPLETE".equals(metadata.path("state").asText())) {
                    break;
                }
            } catch (RuntimeException notOfferedYet) {
                metadata = null;
            }
            pause();
        }
        if (metadata == null || !"COMPLETE".equals(metadata.path("state").asText())) {
            String state = metadata == null ? "NOT_OFFERED" : metadata.path("state").asText();
            return new Home(state, false, false, "not uploaded within " + WAIT.toSeconds() + " s (" + state + ")");
        }
        boolean sameBytes = metadata.path("sha256").asText().equals(sha256(Path.of(node.journal())));
        JsonNode verdict = c2.replayJournal(missionId, node.id());
        boolean matches = verdict.path("fingerprintsMatch").asBoolean(false);
        return new Home("COMPLETE", sameBytes, matches, "uploaded (" + metadata.path("sizeBytes").asLong() + " bytes, "
                + (sameBytes ? "same SHA-256 as the node's file" : "SHA-256 DIFFERS from the node's file") + "), "
                + (matches ? "replayed on C2 to the same fingerprints up to tick " + verdict.path("lastVerifiedTick").asLong()
                        : "replay on C2 diverged: " + verdict));
    }

    boolean verified() {
        return problems().isEmpty();
    }

    List<String> problems() {
        if (homes.isEmpty()) {
            return List.of("no surviving node's journal was checked on C2");
        }
        return homes.entrySet().stream().filter(e -> !e.getValue().verified())
                .map(e -> e.getKey() + "'s journal on C2: " + e.getValue().detail()).toList();
    }

    void addTo(ObjectNode root) {
        ObjectNode section = root.putObject("journals_home");
        section.put("verified", verified());
        ObjectNode nodes = section.putObject("nodes");
        homes.forEach((id, home) -> {
            ObjectNode n = nodes.putObject(id);
            n.put("state", home.state());
            n.put("same_sha256_as_node", home.sameBytes());
            n.put("replayed_on_c2", home.replayMatches());
        });
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journals", e);
        }
    }
}
