package io.lockstep.cli.agent;

import io.lockstep.platform.sim.InvalidWorldException;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.AgentSnapshot;
import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.TickResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep agent run FILE.wasm}: one agent against the simulated vehicle and world, with no C2 and no
 * node. Prints the agent's log lines as they happen and its progress, journals everything like a node does
 * (so {@code lockstep replay} verifies the run) and exits 0 when the agent did not fault, 1 when it did, 2
 * when it could not start.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an agent module against the simulated vehicle and world, no fleet needed.")
public final class AgentRunCommand implements Callable<Integer> {
    static final int FAULTED = 1;
    static final int CANNOT_START = 2;

    @Parameters(index = "0", paramLabel = "FILE.wasm", description = "the agent module")
    Path module;

    @Option(names = "--world", paramLabel = "W", description = "world file (JSON, docs/vehicle-and-safety.md); "
            + "default: the demo world")
    Path world;

    @Option(names = "--ticks", paramLabel = "N", defaultValue = "1000",
            description = "stop after N ticks if the agent has not finished (default ${DEFAULT-VALUE})")
    long ticks;

    @Option(names = "--tick-ms", paramLabel = "MS", defaultValue = "100",
            description = "simulated time per tick in milliseconds (default ${DEFAULT-VALUE}); the run itself "
                    + "does not wait")
    int tickMs;

    @Option(names = "--grant", paramLabel = "FUNCTION", split = ",",
            description = "host functions to grant, e.g. sensor_read,act_velocity,emit (log, progress, "
                    + "rand_u64, area_vertices and kv are always granted)")
    List<String> grants = new ArrayList<>();

    @Option(names = "--emit-topic", paramLabel = "PATTERN", split = ",",
            description = "key-expression patterns the agent may emit on (with --grant emit)")
    List<String> emitTopics = new ArrayList<>();

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "an init parameter (repeatable)")
    Map<String, String> params = new java.util.LinkedHashMap<>();

    @Option(names = "--area", paramLabel = "X,Y,...", split = ",",
            description = "the assigned area as x,y pairs in metres (at least 3 points); default: the world's bounds")
    double[] area;

    @Option(names = "--journal", paramLabel = "PATH",
            description = "where to journal the run (replaced if present); default: out/agent/<name>.journal")
    Path journal;

    @Option(names = "--fuel", paramLabel = "N", description = "fuel per tick (default: the ABI default)")
    Long fuel;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "COMPILED",
            description = "execution mode: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    ExecutionMode mode;

    @Option(names = "--progress-every", paramLabel = "TICKS", defaultValue = "100",
            description = "print position and progress every TICKS ticks (default ${DEFAULT-VALUE})")
    int progressEvery;

    @Option(names = "--quiet-logs", description = "do not print the agent's log lines")
    boolean quietLogs;

    private final PrintStream out;
    private final PrintStream err;

    public AgentRunCommand() {
        this(System.out, System.err);
    }

    /** Writes to these streams instead of standard output and error (tests). */
    public AgentRunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(module)) {
            err.println("agent run: no such module: " + module);
            return CANNOT_START;
        }
        if (ticks < 1 || tickMs < 1 || progressEvery < 1) {
            err.println("agent run: --ticks, --tick-ms and --progress-every must be at least 1");
            return CANNOT_START;
        }
        String name = module.getFileName().toString().replaceFirst("\\.wasm$", "");
        World w;
        try {
            w = world == null ? WorldFile.demo() : WorldFile.load(world);
        } catch (InvalidWorldException e) {
            err.println("agent run: " + e.getMessage());
            return CANNOT_START;
        }
        double[] assigned = area != null ? area : w.bounds().toPolygon().vertices().stream()
                .flatMapToDouble(v -> java.util.stream.DoubleStream.of(v.x(), v.y())).toArray();
        if (assigned.length < 6 || assigned.length % 2 != 0) {
            err.println("agent run: --area needs at least 3 x,y pairs");
            return CANNOT_START;
        }
        Path journalFile = journal != null ? journal : Path.of("out", "agent", name + ".journal");
        if (journalFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(journalFile.toAbsolutePath().getParent());
        }
        Files.deleteIfExists(journalFile);

        MissionRuntime runtime;
        try {
            List<Parameter> parameters = params.entrySet().stream()
                    .map(e -> new Parameter(e.getKey(), e.getValue())).toList();
            AgentDefinition agent = new AgentDefinition(name, Files.readAllBytes(module), parameters,
                    new CapabilityGrant(grants, emitTopics, List.of(), List.of()));
            RuntimeLimits limits = fuel == null ? RuntimeLimits.defaults()
                    : RuntimeLimits.defaults().withFuelPerTick(fuel);
            runtime = MissionRuntime.builder().missionId("local-" + name).nodeId("local").agent(agent)
                    .assignedArea(assigned).limits(limits).executionMode(mode).journal(journalFile).build();
        } catch (ModuleRejectedException | IllegalArgumentException | JournalException e) {
            err.println("agent run: " + module + ": " + e.getMessage());
            return CANNOT_START;
        }
        try (runtime) {
            return run(runtime, w, assigned, journalFile);
        }
    }

    private int run(MissionRuntime runtime, World w, double[] assigned, Path journalFile) {
        out.printf("agent %s: %s, world %s, up to %d ticks of %d ms, journal %s%n", runtime.agentNames().get(0),
                module, w.name(), ticks, tickMs, journalFile);
        List<AgentSnapshot> agents = runtime.initResult().map(init -> {
            printLogs(init);
            return init.agents();
        }).orElse(List.of());
        SimulatedMission mission = new SimulatedMission(runtime, w, assigned, tickMs / 1000.0);
        long overrides = 0;
        while (runtime.currentTick() < ticks && agents.stream().anyMatch(a -> a.state() == AgentState.RUNNING)) {
            SimulatedMission.Step step = mission.tick();
            TickResult result = step.result();
            printLogs(result);
            agents = result.agents();
            if (step.decision().overridden()) {
                overrides++;
            }
            if (result.tick() % progressEvery == 0) {
                out.printf("tick %d: x=%.1f y=%.1f battery=%.3f %s%n", result.tick(), step.readings().position().x(),
                        step.readings().position().y(), step.readings().batteryFraction(), progress(agents));
            }
        }
        out.printf("after tick %d: %s; fingerprint %s; supervisor overrides %d, collisions %d%n",
                runtime.currentTick(), agents.stream().map(AgentRunCommand::describe).collect(Collectors.joining(", ")),
                runtime.lastFingerprint(), overrides, mission.collisions());
        out.println("journal " + journalFile + " (verify: ./lockstep replay " + journalFile + ")");
        return agents.stream().anyMatch(a -> a.state() == AgentState.FAULTED) ? FAULTED : 0;
    }

    private void printLogs(TickResult result) {
        if (!quietLogs) {
            result.logs().forEach(entry -> out.println(AgentLogLines.format(result.tick(), entry)));
        }
    }

    private static String progress(List<AgentSnapshot> agents) {
        return agents.stream().map(a -> a.name() + " " + a.progressPermille() + "‰").collect(Collectors.joining(" "));
    }

    private static String describe(AgentSnapshot a) {
        return a.name() + " " + a.state() + (a.fault() == null || a.fault().isEmpty() ? "" : " (" + a.fault() + ")")
                + " " + a.progressPermille() + "‰";
    }
}
