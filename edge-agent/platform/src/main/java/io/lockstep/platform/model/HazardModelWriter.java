package io.lockstep.platform.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (exec-maven-plugin, phase process-classes): writes the generated hazard model to the path given
 * as the only argument, normally {@code target/classes/models/hazard.onnx}.
 */
public final class HazardModelWriter {

    private HazardModelWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: HazardModelWriter <output.onnx>");
        }
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, HazardModelGenerator.encode());
    }
}
