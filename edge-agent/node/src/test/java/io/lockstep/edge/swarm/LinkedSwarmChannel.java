package io.lockstep.edge.swarm;

import io.lockstep.swarm.rightofway.NegotiationDrops;
import io.lockstep.swarm.rightofway.NegotiationInbox;
import java.util.ArrayList;
import java.util.List;

/** A mesh of two or more test channels: what one publishes lands in the others' inboxes. */
final class LinkedSwarmChannel extends SwarmChannel.NoMesh {
    final String key;
    final NegotiationDrops drops = new NegotiationDrops();
    final NegotiationInbox inbox = new NegotiationInbox(8, drops);
    final List<LinkedSwarmChannel> peers = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();

    LinkedSwarmChannel(String key) {
        this.key = key;
    }

    @Override
    public void publishIntent(byte[] intent) {
        sent.add(intent);
        peers.forEach(p -> p.inbox.offer(key, intent));
    }

    @Override
    public List<NegotiationInbox.Raw> drainIntents() {
        return inbox.drain();
    }

    @Override
    public NegotiationDrops negotiationDrops() {
        return drops;
    }
}
