package io.lockstep.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * External inputs of one tick. The runtime puts them in canonical order (peer messages by sender then
 * sequence; commands and host events in the order added) and journals them before running agents.
 */
public final class TickInputs {
    private final byte[] sensorFrame;
    private final List<PeerMessage> peerMessages;
    private final List<InputEvent> commands;
    private final List<InputEvent> hostEvents;

    private TickInputs(byte[] sensorFrame, List<PeerMessage> peerMessages, List<InputEvent> commands,
                       List<InputEvent> hostEvents) {
        this.sensorFrame = sensorFrame;
        this.peerMessages = List.copyOf(peerMessages);
        this.commands = List.copyOf(commands);
        this.hostEvents = List.copyOf(hostEvents);
    }

    /** Inputs with no sensor frame, messages or events. */
    public static TickInputs empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The encoded sensor frame ({@link SensorFrame#encode()}), empty when none was given. */
    public byte[] sensorFrame() {
        return sensorFrame.clone();
    }


    public List<PeerMessage> peerMessages() {
        return peerMessages;
    }

    public List<InputEvent> commands() {
        return commands;
    }

    public List<InputEvent> hostEvents() {
        return hostEvents;
    }

    /** Builds {@link TickInputs}; not thread-safe. */
    public static final class Builder {
        private byte[] sensorFrame = new byte[0];
        private final List<PeerMessage> peerMessages = new ArrayList<>();
        private final List<InputEvent> commands = new ArrayList<>();
        private final List<InputEvent> hostEvents = new ArrayList<>();

        private Builder() {
        }

        /** The encoded sensor frame of this tick (see {@link SensorFrame#encode()}). */
        public Builder sensorFrame(byte[] frame) {
            this.sensorFrame = Objects.requireNonNull(frame, "frame").clone();
            return this;
        }

        public Builder peerMessage(PeerMessage message) {
            peerMessages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder command(String kind, byte[] data) {
            commands.add(new InputEvent(kind, data));
            return this;
        }

        public Builder hostEvent(String kind, byte[] data) {
            hostEvents.add(new InputEvent(kind, data));
            return this;
        }

        public TickInputs build() {
            return new TickInputs(sensorFrame, peerMessages, commands, hostEvents);
        }
    }
}
