package io.lockstep.edge.link;

import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.C2ToEdge;

/** What the link hands to the rest of the node. Called on gRPC threads: implementations must not block. */
public interface LinkListener {

    /** A command from C2 (a message with a non-zero {@code command_seq}). */
    void onCommand(C2ToEdge command);

    /** A blob C2 sent in answer to a BlobRequest. */
    void onBlob(Blob blob);

    /** A journal upload message from C2 (JournalUploadRequest or JournalUploadAck). */
    default void onJournal(C2ToEdge message) {
    }

    /** The link changed state. */
    void onLinkState(LinkState state);
}
