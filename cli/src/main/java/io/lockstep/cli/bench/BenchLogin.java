package io.lockstep.cli.bench;

import io.lockstep.cli.fleet.C2Api;

/**
 * Logs a benchmark in to C2, trying a few times: on a loaded machine a freshly started C2's first login
 * (a deliberately slow password hash, cold code) can outlast one request's timeout.
 */
public final class BenchLogin {
    private static final int ATTEMPTS = 4;

    private BenchLogin() {
    }

    public static String token(C2Api api) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return api.token();
            } catch (RuntimeException e) {
                last = e;
                System.out.println("  login attempt " + attempt + " of " + ATTEMPTS + " failed: " + e.getMessage());
            }
        }
        throw last;
    }
}
