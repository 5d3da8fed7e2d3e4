package io.lockstep.c2.auth;

import io.lockstep.c2.config.C2Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing at the login: after {@code max-failures} failed logins in a row for one user
 * name, or {@code max-failures-per-address} from one client address (whatever names it tries), that key is
 * locked for {@code base-delay}, doubling with each further failure up to {@code max-delay}. A locked key
 * is answered 429 with Retry-After before the password is even checked, so guessing cannot go on during
 * the lock. A successful login clears its user's and its address's count. Memory is bounded: at most
 * {@link #MAX_KEYS} keys are tracked, the least recently failed dropped first.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int MAX_KEYS = 10_000;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final C2Config.Auth.LoginThrottle settings;
    /** Access-ordered: the eldest entry is the least recently failed key. */
    private final Map<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true);

    public LoginThrottle(Clock clock, C2Config config) {
        this.clock = clock;
        this.settings = config.auth().loginThrottle();
    }

    /** How long until {@code user} from {@code address} may try again; empty when it may now. */
    public synchronized Optional<Duration> retryAfter(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public synchronized void failed(String user, String address) {
        record(userKey(user), settings.maxFailures());
        record(addressKey(address), settings.maxFailuresPerAddress());
    }

    public synchronized void succeeded(String user, String address) {
        failures.remove(userKey(user));
        failures.remove(addressKey(address));
    }

    private void record(String key, int allowed) {
        Failures before = failures.get(key);
        int count = before == null ? 1 : before.count() + 1;
        Instant lockedUntil = null;
        if (count >= allowed) {
            int doublings = Math.min(30, count - allowed);
            Duration delay = settings.baseDelay().multipliedBy(1L << doublings);
            if (delay.compareTo(settings.maxDelay()) > 0) {
                delay = settings.maxDelay();
            }
            lockedUntil = clock.instant().plus(delay);
        }
        failures.put(key, new Failures(count, lockedUntil));
        Iterator<String> eldest = failures.keySet().iterator();
        while (failures.size() > MAX_KEYS && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
