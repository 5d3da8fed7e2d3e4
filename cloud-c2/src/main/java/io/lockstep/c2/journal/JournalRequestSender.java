package io.lockstep.c2.journal;

/** The port through which a journal request reaches a connected node (the link layer implements it). */
public interface JournalRequestSender {

    /** Sends JournalUploadRequest now; false when the node is not connected (it is asked again at its Hello). */
    boolean ask(String nodeId, String missionId);
}
