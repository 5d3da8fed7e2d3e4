package io.lockstep.platform.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.lockstep.runtime.InferenceException;
import io.lockstep.runtime.InferenceService;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs ONNX models for the {@code infer} host function. Models are looked up by name in the
 * {@link ModelRegistry} and loaded by digest; one ONNX Runtime session per digest is cached. Outputs are
 * quantized with {@link OutputQuantizer} before they are returned (the runtime journals what this returns).
 *
 * <p>CPU is the default. With {@link InferenceSettings#cudaAllowed()} the CUDA provider is tried for each new
 * session and, when it is not available (CPU-only build, no GPU, missing driver), the session is created on
 * the CPU and a log line says so.
 */
public final class OnnxInferenceService implements InferenceService, AutoCloseable {

    /** Upper bound on one call's input length, to refuse hostile requests before they reach the runtime. */
    public static final int MAX_INPUTS = 1 << 20;

    private static final System.Logger LOG = System.getLogger(OnnxInferenceService.class.getName());

    private final ModelRegistry registry;
    private final InferenceSettings settings;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final Map<String, ModelSession> sessionsByDigest = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public OnnxInferenceService(ModelRegistry registry, InferenceSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** Whether this ONNX Runtime build offers the CUDA provider (the CPU-only build never does). */
    public static boolean cudaAvailable() {
        try {
            return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public float[] infer(String model, float[] input) throws InferenceException {
        if (closed) {
            throw new InferenceException("inference service is closed");
        }
        if (input == null || input.length == 0 || input.length > MAX_INPUTS) {
            throw new InferenceException("model " + model + ": input must hold 1.." + MAX_INPUTS + " values");
        }
        ModelSession session = sessionFor(model);
        if (input.length != session.inputWidth()) {
            throw new InferenceException("model " + model + " takes " + session.inputWidth() + " inputs, got "
                    + input.length);
        }
        try {
            return OutputQuantizer.quantize(session.run(environment, input));
        } catch (OrtException | RuntimeException e) {
            throw new InferenceException("model " + model + " failed: " + e.getMessage(), e);
        }
    }

    /** The provider the named model's session runs on, loading it if needed. */
    public ExecutionProvider providerFor(String model) throws InferenceException {
        return sessionFor(model).provider();
    }

    private ModelSession sessionFor(String model) throws InferenceException {
        String digest = registry.digestOf(model)
                .orElseThrow(() -> new InferenceException("unknown model " + model, true, null));
        ModelSession cached = sessionsByDigest.get(digest);
        if (cached != null) {
            return cached;
        }
        synchronized (sessionsByDigest) {
            cached = sessionsByDigest.get(digest);
            if (cached == null) {
                cached = openSession(model, digest);
                sessionsByDigest.put(digest, cached);
            }
            return cached;
        }
    }

    private ModelSession openSession(String model, String digest) throws InferenceException {
        byte[] bytes = registry.bytes(digest)
                .orElseThrow(() -> new InferenceException("model " + model + ": bytes for " + digest + " missing",
                        true, null));
        Optional<ModelSession> onGpu = settings.cudaAllowed() ? tryCuda(model, bytes) : Optional.empty();
        if (onGpu.isPresent()) {
            return onGpu.get();
        }
        try (OrtSession.SessionOptions options = baseOptions()) {
            return new ModelSession(environment.createSession(bytes, options), ExecutionProvider.CPU);
        } catch (OrtException | RuntimeException e) {
            throw new InferenceException("model " + model + " (" + digest + ") cannot be loaded: " + e.getMessage(), e);
        }
    }

    private Optional<ModelSession> tryCuda(String model, byte[] bytes) {
        try (OrtSession.SessionOptions options = baseOptions()) {
            options.addCUDA(settings.cudaDeviceId());
            ModelSession session = new ModelSession(environment.createSession(bytes, options), ExecutionProvider.CUDA);
            LOG.log(System.Logger.Level.INFO, "model {0}: running on CUDA device {1}", model, settings.cudaDeviceId());
            return Optional.of(session);
        } catch (OrtException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.INFO, "model {0}: CUDA unavailable ({1}); using the CPU provider",
                    model, e.getMessage());
            return Optional.empty();
        }
    }

    private OrtSession.SessionOptions baseOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(settings.intraOpThreads());
        options.setInterOpNumThreads(1);
        return options;
    }

    /** Closes every cached session. Calls after this fail. */
    @Override
    public void close() {
        closed = true;
        synchronized (sessionsByDigest) {
            for (ModelSession session : sessionsByDigest.values()) {
                try {
                    session.close();
                } catch (OrtException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing a model session failed", e);
                }
            }
            sessionsByDigest.clear();
        }
    }
}
