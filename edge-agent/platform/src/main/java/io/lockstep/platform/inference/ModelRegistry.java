package io.lockstep.platform.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-addressed model store plus the mission's name bindings: model bytes are kept by their sha256, and a
 * mission's {@code ModelRef(name, sha256)} binds a name to one of them. Agents ask for models by name; the
 * inference service resolves the name to a digest and the digest to bytes. Thread-safe.
 */
public final class ModelRegistry {

    /** Largest model accepted (bytes). */
    public static final int MAX_MODEL_BYTES = 64 << 20;

    private final Map<String, byte[]> modelsByDigest = new ConcurrentHashMap<>();
    private final Map<String, String> digestsByName = new ConcurrentHashMap<>();

    /**
     * Stores model bytes.
     *
     * @return their sha256 (lower-case hex)
     * @throws IllegalArgumentException when the model is empty or larger than {@link #MAX_MODEL_BYTES}
     */
    public String add(byte[] model) {
        if (model.length == 0 || model.length > MAX_MODEL_BYTES) {
            throw new IllegalArgumentException("model must be 1.." + MAX_MODEL_BYTES + " bytes, got " + model.length);
        }
        byte[] copy = model.clone();
        String digest = Digests.sha256Hex(copy);
        modelsByDigest.putIfAbsent(digest, copy);
        return digest;
    }

    /**
     * Stores model bytes fetched for a known digest (e.g. a blob from C2).
     *
     * @throws IllegalArgumentException when the bytes' sha256 is not {@code expectedSha256}
     */
    public void addVerified(byte[] model, String expectedSha256) {
        String actual = Digests.sha256Hex(model);
        if (!actual.equals(expectedSha256)) {
            throw new IllegalArgumentException("model digest mismatch: expected " + expectedSha256 + ", got " + actual);
        }
        add(model);
    }

    /** Reads and stores a model file; returns its sha256. */
    public String addFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_MODEL_BYTES) {
            throw new IllegalArgumentException(file + ": model larger than " + MAX_MODEL_BYTES + " bytes");
        }
        return add(Files.readAllBytes(file));
    }

    /**
     * Binds a mission's model name to a stored digest (replacing an earlier binding of the name).
     *
     * @throws IllegalArgumentException when the digest is malformed or no model with it is stored
     */
    public void bind(String name, String sha256) {
        if (name == null || name.isEmpty() || name.length() > 256) {
            throw new IllegalArgumentException("model name must be 1..256 characters");
        }
        if (!Digests.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("model " + name + ": not a lower-case hex sha256: " + sha256);
        }
        if (!modelsByDigest.containsKey(sha256)) {
            throw new IllegalArgumentException("model " + name + ": no model stored with sha256 " + sha256);
        }
        digestsByName.put(name, sha256);
    }

    /** Removes a name binding (the stored bytes stay). */
    public void unbind(String name) {
        digestsByName.remove(name);
    }

    public Optional<String> digestOf(String name) {
        return Optional.ofNullable(digestsByName.get(name));
    }

    public boolean contains(String sha256) {
        return modelsByDigest.containsKey(sha256);
    }

    /** The stored bytes of a digest (a copy). */
    public Optional<byte[]> bytes(String sha256) {
        return Optional.ofNullable(modelsByDigest.get(sha256)).map(byte[]::clone);
    }

    /** Names currently bound. */
    public Set<String> names() {
        return Set.copyOf(digestsByName.keySet());
    }
}
