package io.lockstep.c2.auth;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Slows password guessing at the login: after {@code max-failures} failed logins in a row for one user
 * name, or {@code max-failures-per-address} from one client address (whatever names it tries), that key is
 * locked for {@code base-delay}, doubling with each further failure up to {@code max-delay}. A locked key
 * is answered 429 with Retry-After before the password is even checked, so guessing cannot go on during
 * the lock. A successful login clears its user's and its address's count.
 *
 * <p>The counts live in Redis ({@link RedisKeys#loginFailures}), so every C2 replica counts the same
 * failures and answers the same: guesses spread over N replicas are not N times as many. A failure is
 * counted and the lock set by one script, so two replicas counting at once lose nothing. Memory is bounded
 * by expiry: a key is forgotten {@code max-delay} after its last failure or the end of its lock.
 *
 * <p>Concurrent guesses do not multiply the allowance: a login first {@link #begin}s an attempt, which counts
 * it as in flight in the same script that checks the lock; once failures plus attempts in flight reach the
 * allowed number, a further attempt waits for those in flight to end (429, Retry-After 1 s). Sequential logins
 * see exactly the rule above.
 */
@ApplicationScoped
public class LoginThrottle {

    /**
     * KEYS: the failures hash. ARGV: failures allowed, base delay ms, max delay ms, now ms. Counts one failure,
     * locks the key once the count reaches the allowed number (the delay doubling per further failure), and
     * keeps the key until max delay after the lock ends.
     */
    private static final String FAIL = """
            if tonumber(redis.call('HGET', KEYS[1], 'inflight') or '0') > 0 then
              redis.call('HINCRBY', KEYS[1], 'inflight', -1)
            end
            local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
            local allowed, base, max, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local keep = max
            if count >= allowed then
              local delay = base * (2 ^ math.min(30, count - allowed))
              if delay > max then delay = max end
              redis.call('HSET', KEYS[1], 'lockedUntil', string.format('%.0f', now + delay))
              keep = keep + delay
            end
            redis.call('PEXPIRE', KEYS[1], string.format('%.0f', keep))
            return count""";

    /**
     * KEYS: the failures hash. ARGV: failures allowed, now ms, in-flight bound ms. Returns 0 and counts the
     * attempt in flight, or the ms to wait: the rest of the lock, or 1000 while earlier attempts in flight
     * would take the key to its allowance. The key lives at least the in-flight bound, so an attempt whose C2
     * died mid-way is forgotten then.
     */
    private static final String BEGIN = """
            local now = tonumber(ARGV[2])
            local locked = tonumber(redis.call('HGET', KEYS[1], 'lockedUntil') or '0')
            if locked > now then return locked - now end
            local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
            local inflight = tonumber(redis.call('HGET', KEYS[1], 'inflight') or '0')
            if inflight > 0 and count + inflight >= tonumber(ARGV[1]) then return 1000 end
            redis.call('HINCRBY', KEYS[1], 'inflight', 1)
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return 0""";

    /** KEYS: the failures hash. Ends an attempt in flight that neither failed nor succeeded. */
    private static final String ABANDON = """
            if tonumber(redis.call('HGET', KEYS[1], 'inflight') or '0') > 0 then
              redis.call('HINCRBY', KEYS[1], 'inflight', -1)
            end
            return 0""";

    /** How long an attempt may stay in flight before its key may expire (a password check takes well under). */
    private static final long IN_FLIGHT_BOUND_MS = 60_000;

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final Clock clock;
    private final C2Config.Auth.LoginThrottle settings;

    public LoginThrottle(RedisDataSource redis, Clock clock, C2Config config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.clock = clock;
        this.settings = config.auth().loginThrottle();
    }

    /** How long until {@code user} from {@code address} may try again; empty when it may now. */
    public Optional<Duration> retryAfter(String user, String address) {
        long now = clock.millis();
        long wait = 0;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            String lockedUntil = hashes.hget(key, "lockedUntil");
            if (lockedUntil != null) {
                wait = Math.max(wait, Long.parseLong(lockedUntil) - now);
            }
        }
        return wait <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }

    /**
     * Starts a login attempt of {@code user} from {@code address}: empty when it may check the password now (it
     * then counts as in flight until {@link #failed}, {@link #succeeded} or {@link #abandoned}), otherwise how
     * long to wait. One script per key, so the user's and the address's keys may sit on different cluster slots.
     */
    public Optional<Duration> begin(String user, String address) {
        long userWait = begin(userKey(user), settings.maxFailures());
        if (userWait > 0) {
            return Optional.of(Duration.ofMillis(userWait));
        }
        long addressWait = begin(addressKey(address), settings.maxFailuresPerAddress());
        if (addressWait > 0) {
            abandon(userKey(user));
            return Optional.of(Duration.ofMillis(addressWait));
        }
        return Optional.empty();
    }

    /** Ends an attempt {@link #begin} started that neither failed nor succeeded (an error on the way). */
    public void abandoned(String user, String address) {
        abandon(userKey(user));
        abandon(addressKey(address));
    }

    private long begin(String key, int allowed) {
        return redis.execute("EVAL", BEGIN, "1", key, Integer.toString(allowed), Long.toString(clock.millis()),
                Long.toString(IN_FLIGHT_BOUND_MS)).toLong();
    }

    private void abandon(String key) {
        redis.execute("EVAL", ABANDON, "1", key);
    }

    public void failed(String user, String address) {
        record(userKey(user), settings.maxFailures());
        record(addressKey(address), settings.maxFailuresPerAddress());
    }

    public void succeeded(String user, String address) {
        redis.key().del(userKey(user));
        redis.key().del(addressKey(address));
    }

    private void record(String key, int allowed) {
        redis.execute("EVAL", FAIL, "1", key, Integer.toString(allowed),
                Long.toString(settings.baseDelay().toMillis()), Long.toString(settings.maxDelay().toMillis()),
                Long.toString(clock.millis()));
    }

    private static String userKey(String user) {
        return RedisKeys.loginFailures("user:" + user);
    }

    private static String addressKey(String address) {
        return RedisKeys.loginFailures("address:" + address);
    }
}
