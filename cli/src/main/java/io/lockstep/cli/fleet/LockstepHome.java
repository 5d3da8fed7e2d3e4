package io.lockstep.cli.fleet;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the CLI runs from, and the runnable artifacts built inside it.
 * The launcher script passes it as {@code -Dlockstep.home}; tests get it from Maven.
 */
public record LockstepHome(Path root) {

    public static LockstepHome detect() {
        String property = System.getProperty("lockstep.home");
        Path start = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("lockstep")) && Files.isDirectory(dir.resolve("cloud-c2"))) {
                return new LockstepHome(dir);
            }
        }
        throw new IllegalStateException("cannot find the Lockstep checkout from " + start
                + " (run ./lockstep from the repository, or set -Dlockstep.home)");
    }

    public Path c2Jar() {
        return requireBuilt(root.resolve("cloud-c2/target/quarkus-app/quarkus-run.jar"));
    }

    public Path nodeJar() {
        return requireBuilt(root.resolve("edge-agent/node/target/quarkus-app/quarkus-run.jar"));
    }

    public Path demoWorld() {
        return requireBuilt(root.resolve("edge-agent/platform/src/main/resources/worlds/demo-world.json"));
    }

    private static Path requireBuilt(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build first with ./mvnw install -DskipTests"
                    + " (./lockstep does this for you)");
        }
        return path;
    }
}
