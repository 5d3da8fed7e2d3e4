package io.lockstep.c2.link;

/** The node broke the link protocol; its stream is closed with INVALID_ARGUMENT and this message. */
class ProtocolViolationException extends RuntimeException {

    ProtocolViolationException(String message) {
        super(message);
    }
}
