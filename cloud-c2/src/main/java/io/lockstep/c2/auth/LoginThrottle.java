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
 */
@ApplicationScoped
public class LoginThrottle {

    /**
     * KEYS: the failures hash. ARGV: failures allowed, base delay ms, max delay ms, now ms. Counts one failure,
     * locks the key once the count reaches the allowed number (the delay doubling per further failure), and
     * keeps the key until max delay after the lock ends.
     */
    private static final String FAIL = """
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
