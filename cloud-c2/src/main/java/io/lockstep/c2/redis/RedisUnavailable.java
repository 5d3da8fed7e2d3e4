package io.lockstep.c2.redis;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Recognizes failures that mean "Redis cannot take more work right now" (the connection pool's queue is
 * full, a pooled connection could not be had in time, Redis is unreachable) as opposed to bugs. The REST
 * API answers these with 503 and Retry-After instead of 500.
 */
public final class RedisUnavailable {

    /** Seconds a client should wait before retrying a request shed for load. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private RedisUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getName();
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (type.endsWith("ConnectionPoolTooBusyException") || cause instanceof TimeoutException
                    || type.endsWith("NoStackTraceTimeoutException") || cause instanceof java.net.ConnectException
                    || message.contains("connection pool reached max wait queue size")
                    || message.contains("connection refused")
                    // Redis restarted or the network path was cut: the client's connection was closed under it.
                    || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof java.net.SocketException
                    || message.contains("connection is closed") || message.contains("connection reset")
                    || message.contains("connection was closed") || message.contains("connection_closed")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
