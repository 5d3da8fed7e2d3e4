package io.lockstep.mesh.message.transport;

/**
 * OPEN syn/ack: {@code |Z|T|A|OPEN|} lease (seconds if T, else milliseconds), initial sequence number, and in a syn
 * the cookie echoed from INIT ack. {@code leaseMillis} is always in milliseconds.
 */
public record Open(boolean ack, long leaseMillis, boolean leaseInSeconds, long initialSn, byte[] cookie)
        implements TransportMessage {
}
