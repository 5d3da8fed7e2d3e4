package io.lockstep.edge.mission;

/** C2 answered a BlobRequest with an error (it does not have the blob). */
public final class BlobUnavailableException extends RuntimeException {

    public BlobUnavailableException(String sha256, String reason) {
        super("C2 cannot provide blob " + sha256 + ": " + reason);
    }
}
