package io.lockstep.edge.mission;

import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.ModelRef;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.AbortSignal;
import io.lockstep.runtime.InferenceService;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.MissionAbortedException;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.Parameter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Turns a {@link MissionPlan} into a running {@link MissionRuntime}: fetches the modules and models
 * (from the cache or C2), verifies them, and builds the runtime with a fresh journal; or, after a
 * restart, resumes the runtime from the mission's journal.
 */
public final class MissionLoader {

    /** The mission cannot start; it ends in {@link #state()} with this message. */
    public static final class LoadFailure extends RuntimeException {
        private final NodeMissionState state;

        LoadFailure(NodeMissionState state, String message, Throwable cause) {
            super(message, cause);
            this.state = state;
        }

        public NodeMissionState state() {
            return state;
        }
    }

    /** A runtime ready to tick, with the inference service it owns and where it stands. */
    public record Loaded(MissionRuntime runtime, InferenceService inference, long lastTick) {
    }

    private final BlobFetcher blobs;
    private final BlobCache cache;
    private final MissionStore store;
    private final NodeServices services;
    private final int snapshotEvery;

    public MissionLoader(BlobFetcher blobs, BlobCache cache, MissionStore store, NodeServices services,
            int snapshotEvery) {
        this.blobs = blobs;
        this.cache = cache;
        this.store = store;
        this.services = services;
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * Fetches everything the plan needs and builds its runtime with a new journal.
     *
     * @param cancelled polled while waiting for blobs: true ends the load as ABORTED
     * @param modulesPresent called once every blob is verified, before instantiation
     * @param abort ends the runtime from another thread, also while its agents' init runs
     */
    public Loaded load(MissionPlan plan, BooleanSupplier cancelled, Runnable modulesPresent, AbortSignal abort) {
        Tracer tracer = services.tracer();
        Span span = tracer.spanBuilder("mission.load").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(services.blobTimeoutMillis());
            Map<String, byte[]> modules = new LinkedHashMap<>();
            for (AgentSpec agent : plan.agents()) {
                if (!modules.containsKey(agent.getModuleSha256())) {
                    modules.put(agent.getModuleSha256(),
                            await(blobs.fetch(BlobKind.WASM_MODULE, agent.getModuleSha256()), deadline, cancelled));
                }
            }
            List<InferenceFactory.Model> models = new ArrayList<>();
            for (ModelRef model : plan.models()) {
                byte[] bytes = await(blobs.fetch(BlobKind.ONNX_MODEL, model.getSha256()), deadline, cancelled);
                models.add(new InferenceFactory.Model(model.getName(), model.getSha256(), bytes));
            }
            modulesPresent.run();
            Path journal = store.journalPath(plan.missionId());
            deleteStaleJournal(journal);
            InferenceService inference = inference(models);
            MissionRuntime.Builder builder = MissionRuntime.builder()
                    .missionId(plan.missionId())
                    .nodeId(services.nodeId())
                    .assignedArea(plan.assignedArea())
                    .share(plan.shareIndex(), plan.shareCount())
                    .limits(plan.limits())
                    .executionMode(services.executionMode())
                    .workers(services.runtimeWorkers())
                    .inference(inference)
                    .journal(journal)
                    .snapshotEvery(snapshotEvery)
                    .abortSignal(abort);
            for (AgentSpec agent : plan.agents()) {
                builder.agent(definition(agent, modules.get(agent.getModuleSha256())));
            }
            try {
                return new Loaded(builder.build(), inference, 0);
            } catch (ModuleRejectedException e) {
                closeIfCloseable(inference);
                throw new LoadFailure(NodeMissionState.FAILED, e.getMessage(), e);
            } catch (MissionAbortedException e) {
                closeIfCloseable(inference);
                throw new LoadFailure(NodeMissionState.ABORTED, "aborted while the agents initialised", e);
            } catch (IllegalArgumentException | IllegalStateException e) {
                closeIfCloseable(inference);
                throw new LoadFailure(NodeMissionState.FAILED, "cannot load the mission: " + e.getMessage(), e);
            }
        } finally {
            span.end();
        }
    }

    /** Rebuilds the runtime of an interrupted mission from its journal (and last snapshot). */
    public Loaded resume(MissionPlan plan) {
        Path journal = store.journalPath(plan.missionId());
        List<InferenceFactory.Model> models = new ArrayList<>();
        for (ModelRef model : plan.models()) {
            byte[] bytes = cache.get(model.getSha256()).orElseThrow(() -> new LoadFailure(NodeMissionState.FAILED,
                    "cannot resume: model " + model.getName() + " is no longer in the blob cache", null));
            models.add(new InferenceFactory.Model(model.getName(), model.getSha256(), bytes));
        }
        InferenceService inference = inference(models);
        try {
            MissionRuntime runtime = MissionRuntime.resume(journal, inference, services.executionMode(),
                    services.runtimeWorkers());
            return new Loaded(runtime, inference, runtime.currentTick());
        } catch (JournalException | IllegalArgumentException | IllegalStateException e) {
            closeIfCloseable(inference);
            throw new LoadFailure(NodeMissionState.FAILED, "cannot resume from journal " + journal + ": "
                    + e.getMessage(), e);
        }
    }

    private InferenceService inference(List<InferenceFactory.Model> models) {
        return models.isEmpty() ? InferenceService.NONE : services.inference().create(models);
    }

    private static AgentDefinition definition(AgentSpec agent, byte[] wasm) {
        try {
            List<Parameter> params = agent.getParametersList().stream()
                    .map(p -> new Parameter(p.getKey(), p.getValue())).toList();
            var grant = agent.getCapabilities();
            return new AgentDefinition(agent.getName(), wasm, params, new CapabilityGrant(
                    grant.getHostFunctionsList(), grant.getEmitTopicsList(), grant.getModelsList(),
                    grant.getSubscribeTopicsList()));
        } catch (IllegalArgumentException e) {
            throw new LoadFailure(NodeMissionState.REJECTED, "agent " + agent.getName() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] await(CompletableFuture<byte[]> blob, long deadlineNanos, BooleanSupplier cancelled) {
        while (true) {
            if (cancelled.getAsBoolean()) {
                blob.cancel(false);
                throw new LoadFailure(NodeMissionState.ABORTED, "aborted while fetching modules", null);
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new LoadFailure(NodeMissionState.FAILED, "C2 did not deliver a module or model in time", null);
            }
            try {
                return blob.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // loop: re-check cancellation and the deadline
            } catch (InterruptedException e) {
                // Nothing interrupts the mission thread on purpose; treat it as a wake-up.
                Thread.interrupted();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof DigestMismatchException) {
                    throw new LoadFailure(NodeMissionState.REJECTED, cause.getMessage(), cause);
                }
                throw new LoadFailure(NodeMissionState.FAILED, cause.getMessage(), cause);
            }
        }
    }

    private static void deleteStaleJournal(Path journal) {
        // A mission id seen before (re-assigned after it ended): its old journal must not be resumed.
        try {
            if (Files.isDirectory(journal)) {
                try (var files = Files.walk(journal)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } else {
                Files.deleteIfExists(journal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old journal " + journal, e);
        }
    }

    private static void closeIfCloseable(InferenceService inference) {
        if (inference instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: the mission failed anyway
            }
        }
    }
}
