package io.lockstep.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The example and hostile agent modules packaged in this jar, as {@code /agents/<name>.wasm} with the
 * list of names in {@code /agents/index.txt} (both written at build time from
 * {@code src/main/agents/}). The bytes are the committed modules, so {@link #sha256(String)} is the
 * agent's identity everywhere.
 */
public final class ExampleAgents {

    private static final String RESOURCE_DIR = "/agents/";
    private static final String INDEX = RESOURCE_DIR + "index.txt";

    /** Read once; a concurrent first call may read it twice, which is harmless. */
    private static volatile List<String> names;

    private ExampleAgents() {
    }

    /** Every packaged agent name, sorted. */
    public static List<String> names() {
        List<String> known = names;
        if (known == null) {
            known = List.copyOf(Arrays.stream(new String(read(INDEX), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .sorted()
                    .toList());
            names = known;
        }
        return known;
    }

    /** A fresh copy of the named module's bytes. */
    public static byte[] bytes(String name) {
        requireKnown(name);
        return read(RESOURCE_DIR + name + ".wasm");
    }

    /** Lower-case hex SHA-256 of the named module. */
    public static String sha256(String name) {
        byte[] module = bytes(name);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(module));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void requireKnown(String name) {
        if (name == null) {
            throw new IllegalArgumentException("agent name is null; known agents: " + names());
        }
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown example agent '" + name + "'; known agents: " + names());
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = ExampleAgents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource
                        + " is missing from the lockstep-agents jar; rebuild it with ./mvnw -pl edge-agent/agents install");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
