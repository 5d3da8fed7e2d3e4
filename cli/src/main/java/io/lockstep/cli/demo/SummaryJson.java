package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * summary.json as the demo builds it: each part of the run adds its own section to one tree held in memory, and
 * the file is written again after each addition, so a run that fails half way still leaves what it had measured.
 */
final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final ObjectNode root = JSON.createObjectNode();

    SummaryJson(Path file) {
        this.file = file;
    }

    /** Lets {@code section} add its fields to the top-level object, then writes the file. */
    void add(Consumer<ObjectNode> section) {
        section.accept(root);
        try {
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
