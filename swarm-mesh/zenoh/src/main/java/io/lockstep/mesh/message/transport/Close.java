package io.lockstep.mesh.message.transport;

/** CLOSE: {@code |Z|X|S|CLOSE|} reason byte; S closes the whole session rather than one link. */
public record Close(int reason, boolean session) implements TransportMessage {
    public static final int GENERIC = 0x00;
    public static final int UNSUPPORTED = 0x01;
    public static final int INVALID = 0x02;
    public static final int MAX_SESSIONS = 0x03;
    public static final int MAX_LINKS = 0x04;
    public static final int EXPIRED = 0x05;

    public static String describe(int reason) {
        switch (reason) {
            case GENERIC: return "generic";
            case UNSUPPORTED: return "unsupported";
            case INVALID: return "invalid";
            case MAX_SESSIONS: return "max sessions";
            case MAX_LINKS: return "max links";
            case EXPIRED: return "lease expired";
            default: return "reason " + reason;
        }
    }
}
