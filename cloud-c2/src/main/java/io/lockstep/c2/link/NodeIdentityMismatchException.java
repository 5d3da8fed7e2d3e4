package io.lockstep.c2.link;

/** A node's Hello names another node than its certificate; its stream is closed with PERMISSION_DENIED. */
class NodeIdentityMismatchException extends RuntimeException {

    NodeIdentityMismatchException(String message) {
        super(message);
    }
}
