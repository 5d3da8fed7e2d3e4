package io.lockstep.agents.build;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step of lockstep-agents, run by exec-maven-plugin as a single-file source program on a class
 * path holding only wabt 1.0.0 and its Chicory 1.0.0 dependencies.
 *
 * <p>Every agent lives in {@code <sources>/<name>/} with its committed {@code <name>.wasm}. When the
 * directory also holds {@code <name>.wat}, the text is compiled and must equal the committed bytes
 * (a module's digest is its identity, so a silent change would be a different agent); with
 * {@code update=true} the committed file is rewritten instead. C agents are checked by a JUnit test
 * because they need clang. Finally every module is copied to {@code <out>/<name>.wasm} and the sorted
 * names are written to {@code <out>/index.txt}.
 *
 * <p>Usage: {@code AgentResourceBuilder <sources-dir> <output-dir> <update:true|false>}
 */
public final class AgentResourceBuilder {

    private static final Pattern AGENT_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private AgentResourceBuilder() {
    }

    public static void main(String[] args) {
        try {
            if (args.length != 3) {
                throw new BuildFailure("usage: AgentResourceBuilder <sources-dir> <output-dir> <update:true|false>");
            }
            build(Path.of(args[0]), Path.of(args[1]), Boolean.parseBoolean(args[2]));
        } catch (BuildFailure e) {
            System.err.println("[agents] ERROR: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[agents] ERROR: agent resource build failed: " + e);
            System.exit(1);
        }
    }

    private static void build(Path sources, Path output, boolean update) throws IOException {
        List<String> names = agentNames(sources);
        List<String> mismatches = new ArrayList<>();
        for (String name : names) {
            Path dir = sources.resolve(name);
            Path wat = dir.resolve(name + ".wat");
            Path wasm = dir.resolve(name + ".wasm");
            if (Files.isRegularFile(wat)) {
                byte[] compiled = compile(wat);
                boolean same = Files.isRegularFile(wasm) && Arrays.equals(compiled, Files.readAllBytes(wasm));
                if (!same && update) {
                    Files.write(wasm, compiled);
                    System.out.println("[agents] rewrote " + wasm);
                } else if (!same) {
                    mismatches.add(wasm.toString());
                }
            }
            if (!Files.isRegularFile(wasm)) {
                throw new BuildFailure("agent '" + name + "' has no committed module " + wasm
                        + " (WAT: rebuild with -Dlockstep.agents.update=true; C: run edge-agent/agents/build-c-agents.sh)");
            }
        }
        if (!mismatches.isEmpty()) {
            throw new BuildFailure("committed WAT agent modules differ from their sources: " + String.join(", ", mismatches)
                    + "\nRebuild them with: ./mvnw -pl edge-agent/agents generate-resources -Dlockstep.agents.update=true");
        }
        writeResources(sources, output, names);
        System.out.println("[agents] packaged " + names.size() + " agents into " + output);
    }

    /** wat2wasm, with its failures (it throws bare runtime exceptions) turned into a message naming the file. */
    private static byte[] compile(Path wat) {
        try {
            return Wat2Wasm.parse(wat.toFile());
        } catch (RuntimeException e) {
            throw new BuildFailure("wat2wasm rejected " + wat + " (" + e.getMessage()
                    + "); it is not valid WAT for the ABI's feature set");
        }
    }

    private static List<String> agentNames(Path sources) throws IOException {
        if (!Files.isDirectory(sources)) {
            throw new BuildFailure("agent sources directory not found: " + sources);
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(sources)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        for (String name : names) {
            if (!AGENT_NAME.matcher(name).matches()) {
                throw new BuildFailure("agent directory name '" + name + "' must be lower-case words joined by '-'");
            }
        }
        if (names.isEmpty()) {
            throw new BuildFailure("no agents found under " + sources);
        }
        return names;
    }

    private static void writeResources(Path sources, Path output, List<String> names) throws IOException {
        Files.createDirectories(output);
        try (Stream<Path> old = Files.list(output)) {
            for (Path stale : (Iterable<Path>) old::iterator) {
                Files.delete(stale);
            }
        }
        for (String name : names) {
            Files.copy(sources.resolve(name).resolve(name + ".wasm"), output.resolve(name + ".wasm"));
        }
        Files.writeString(output.resolve("index.txt"), String.join("\n", names) + "\n", StandardCharsets.UTF_8);
    }

    /** A build error with a message meant for the person running the build. */
    private static final class BuildFailure extends RuntimeException {
        BuildFailure(String message) {
            super(message);
        }
    }
}
