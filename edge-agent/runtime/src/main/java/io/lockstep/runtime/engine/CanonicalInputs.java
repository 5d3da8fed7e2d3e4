package io.lockstep.runtime.engine;

import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.TickInputs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A tick's external inputs in canonical order: peer messages sorted by sender then sequence (then topic,
 * for duplicate keys); commands and host events in the order the caller added them. This is what the
 * journal records and replay feeds back.
 */
public record CanonicalInputs(long tick, byte[] sensorFrame, List<PeerMessage> peerMessages,
                              List<InputEvent> commands, List<InputEvent> hostEvents) {

    public static final Comparator<PeerMessage> ORDER = Comparator.comparing(PeerMessage::sender)
            .thenComparingLong(PeerMessage::seq).thenComparing(PeerMessage::topic);

    public CanonicalInputs {
        peerMessages = List.copyOf(peerMessages);
        commands = List.copyOf(commands);
        hostEvents = List.copyOf(hostEvents);
    }

    public static CanonicalInputs of(long tick, TickInputs inputs) {
        List<PeerMessage> peers = new ArrayList<>(inputs.peerMessages());
        peers.sort(ORDER);
        return new CanonicalInputs(tick, inputs.sensorFrame(), peers, inputs.commands(), inputs.hostEvents());
    }
}
