package io.lockstep.mesh.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads the zenoh-pico captures in {@code shared/zenoh-wire}, found by walking up from the working directory. */
public final class WireCaptures {
    public record CapturedFrame(String direction, byte[] bytes, int line) {
        public boolean fromConnector() {
            return direction.equals("connector->listener");
        }
    }

    private WireCaptures() {
    }

    public static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("zenoh-wire");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("shared/zenoh-wire not found in " + Path.of("").toAbsolutePath()
                + " or any parent: the zenoh-pico wire captures are required for the wire-compatibility tests");
    }

    public static List<CapturedFrame> load(String name) throws IOException {
        List<CapturedFrame> frames = new ArrayList<>();
        List<String> lines = Files.readAllLines(directory().resolve(name));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new AssertionError(name + ":" + (i + 1) + " is not '<direction> <hex>'");
            }
            frames.add(new CapturedFrame(parts[0], HexFormat.of().parseHex(parts[1]), i + 1));
        }
        if (frames.isEmpty()) {
            throw new AssertionError(name + " holds no frames");
        }
        return frames;
    }

    public static List<String> captureFiles() throws IOException {
        try (var s = Files.list(directory())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".frames")).sorted().toList();
        }
    }
}
