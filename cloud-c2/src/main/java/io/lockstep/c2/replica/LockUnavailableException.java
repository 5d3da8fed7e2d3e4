package io.lockstep.c2.replica;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A lock shared by the C2 replicas could not be had in time (another replica holds it, or Redis is away).
 * Its cause is a {@link TimeoutException}, so the REST API answers 503 with Retry-After (RedisUnavailable).
 */
public class LockUnavailableException extends RuntimeException {

    public LockUnavailableException(String name, Duration waited) {
        super("the shared lock " + name + " could not be had within " + waited + "; retry later",
                new TimeoutException("lock " + name));
    }
}
