package io.lockstep.c2.link;

import io.lockstep.c2.journal.JournalRequestSender;
import io.lockstep.c2.journal.JournalUploads;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.JournalUploadRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Journal upload messages on the link: answers offers and chunks, and asks nodes for journals. */
@ApplicationScoped
public class JournalLink implements JournalRequestSender {

    private final JournalUploads uploads;
    private final LinkSessions sessions;

    public JournalLink(JournalUploads uploads, LinkSessions sessions) {
        this.uploads = uploads;
        this.sessions = sessions;
    }

    /** Answers a JournalUploadOffer or JournalUploadChunk with JournalUploadAck. */
    void answer(LinkSession session, EdgeToC2 message) {
        var ack = message.hasJournalOffer() ? uploads.offer(session.nodeId(), message.getJournalOffer())
                : uploads.chunk(session.nodeId(), message.getJournalChunk());
        session.send(C2ToEdge.newBuilder().setJournalAck(ack).build());
    }

    /** A node said Hello: ask it again for every journal still requested from it. */
    void nodeConnected(LinkSession session) {
        for (String missionId : uploads.requestedFrom(session.nodeId())) {
            session.send(request(missionId));
        }
    }

    @Override
    public boolean ask(String nodeId, String missionId) {
        return sessions.find(nodeId).filter(s -> !s.closed()).map(s -> {
            s.send(request(missionId));
            return true;
        }).orElse(false);
    }

    private static C2ToEdge request(String missionId) {
        return C2ToEdge.newBuilder().setJournalRequest(JournalUploadRequest.newBuilder().setMissionId(missionId))
                .build();
    }
}
