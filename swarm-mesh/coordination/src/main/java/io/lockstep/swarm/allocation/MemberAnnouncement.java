package io.lockstep.swarm.allocation;

/**
 * A node's announcement of itself to the mission's members: its capability and its incarnation (a
 * number that grows with every restart, so a restarted node's announcements supersede the old ones).
 * {@code leaving} marks a graceful departure; a crash is detected by the loss of the liveliness token.
 */
public record MemberAnnouncement(Member member, long incarnation, boolean leaving) {

    public MemberAnnouncement {
        if (member == null) {
            throw new IllegalArgumentException("member missing");
        }
        if (incarnation < 0) {
            throw new IllegalArgumentException("incarnation must not be negative");
        }
    }
}
