package io.lockstep.pki;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One-time enrolment tokens, kept next to the CA in {@code enrolment-tokens}: one line per token with the SHA-256
 * of the token (never the token itself), the node it is for, its expiry and when it was used. A token enrols only
 * its node, once, before it expires. The file is locked while read and rewritten, so the CLI and C2 can share it.
 */
public final class EnrolmentTokens {
    public static final String FILE = "enrolment-tokens";
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    private static final String UNUSED = "-";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** FileChannel locks are per JVM: threads of one JVM take this first. */
    private static final Object JVM_LOCK = new Object();

    private record Entry(String hash, String nodeId, long expiresMillis, String used) {
        String line() {
            return hash + " " + nodeId + " " + expiresMillis + " " + used;
        }

        static Entry parse(String line) {
            String[] f = line.trim().split(" ");
            if (f.length != 4) {
                throw new IllegalStateException("unreadable enrolment token line: " + line);
            }
            return new Entry(f[0], f[1], Long.parseLong(f[2]), f[3]);
        }
    }

    private final Path file;
    private final Clock clock;

    public EnrolmentTokens(Path caDir, Clock clock) {
        this.file = caDir.resolve(FILE);
        this.clock = clock;
    }

    /** A new token for {@code nodeId}, valid for {@code ttl}; only its hash is stored. */
    public String issue(String nodeId, Duration ttl) throws IOException {
        NodeIds.require(nodeId);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the token's lifetime must be positive");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long expires = clock.instant().plus(ttl).toEpochMilli();
        update(entries -> entries.add(new Entry(hash(token), nodeId, expires, UNUSED)));
        return token;
    }

    /**
     * Marks the token used for {@code nodeId}. A token for another node, an expired or a used one is refused and
     * left as it was (a wrong node id does not burn the token).
     */
    public void redeem(String nodeId, String token) throws IOException, EnrolmentRefusedException {
        String hash = hash(token == null ? "" : token.strip());
        Instant now = clock.instant();
        EnrolmentRefusedException[] refusal = new EnrolmentRefusedException[1];
        update(entries -> {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (!MessageDigest.isEqual(e.hash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII))) {
                    continue;
                }
                if (!e.nodeId().equals(nodeId)) {
                    refusal[0] = new EnrolmentRefusedException(EnrolmentRefusedException.Reason.OTHER_NODE,
                            "the enrolment token was issued for another node");
                } else if (!e.used().equals(UNUSED)) {
                    refusal[0] = new EnrolmentRefusedException(EnrolmentRefusedException.Reason.ALREADY_USED,
                            "the enrolment token was already used (at " + Instant.ofEpochMilli(Long.parseLong(e.used()))
                                    + ")");
                } else if (now.toEpochMilli() >= e.expiresMillis()) {
                    refusal[0] = new EnrolmentRefusedException(EnrolmentRefusedException.Reason.EXPIRED,
                            "the enrolment token expired at " + Instant.ofEpochMilli(e.expiresMillis()));
                } else {
                    entries.set(i, new Entry(e.hash(), e.nodeId(), e.expiresMillis(),
                            Long.toString(now.toEpochMilli())));
                }
                return;
            }
            refusal[0] = new EnrolmentRefusedException(EnrolmentRefusedException.Reason.UNKNOWN_TOKEN,
                    "unknown enrolment token");
        });
        if (refusal[0] != null) {
            throw refusal[0];
        }
    }

    private interface Change {
        void apply(List<Entry> entries);
    }

    private void update(Change change) throws IOException {
        synchronized (JVM_LOCK) {
            Path lockFile = file.resolveSibling(FILE + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                List<Entry> entries = new ArrayList<>();
                if (Files.exists(file)) {
                    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                        if (!line.isBlank()) {
                            entries.add(Entry.parse(line));
                        }
                    }
                }
                List<String> before = entries.stream().map(Entry::line).toList();
                change.apply(entries);
                List<String> after = entries.stream().map(Entry::line).toList();
                if (!after.equals(before)) {
                    Path tmp = file.resolveSibling(FILE + ".tmp");
                    FleetCa.writePrivate(tmp, String.join("\n", after) + "\n");
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
