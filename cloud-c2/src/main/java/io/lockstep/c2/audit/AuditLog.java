package io.lockstep.c2.audit;

import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.security.audit.AuditChain;
import io.lockstep.c2.security.audit.AuditRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * C2's hash-chained audit trail in Redis: {@code lockstep:audit} (list, record seq n at index n - 1) and
 * {@code lockstep:audit:head} ({@code "<seq> <hash>"}). An append computes the next record from the head it
 * read and stores it with a Lua script that first checks the head is still that one (compare and set);
 * a lost race reads the new head and seals again, so concurrent appends, in this C2 or another, always
 * form one chain. Within one C2 appends also take a lock, so they rarely race at all.
 */
@ApplicationScoped
public class AuditLog {

    /** KEYS: list, head. ARGV: expected head ('' when empty), new head, record JSON. */
    private static final String APPEND = """
            local head = redis.call('GET', KEYS[2]) or ''
            if head ~= ARGV[1] then return 0 end
            redis.call('RPUSH', KEYS[1], ARGV[3])
            redis.call('SET', KEYS[2], ARGV[2])
            return 1
            """;
    private static final int MAX_ATTEMPTS = 100;

    private final RedisDataSource redis;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    public AuditLog(RedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Seals and appends one record. */
    public AuditRecord append(String user, String action, String target, int status, String traceId) {
        String outcome = status < 400 ? "success" : status < 500 ? "refused" : "failed";
        lock.lock();
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                String rawHead = redis.value(String.class).get(RedisKeys.auditHead());
                AuditChain.Head head = parseHead(rawHead);
                AuditRecord record = AuditRecord.seal(head.seq() + 1, clock.instant().toString(), user, action, target,
                        outcome, status, traceId, head.hash());
                long stored = redis.execute("EVAL", APPEND, "2", RedisKeys.audit(), RedisKeys.auditHead(),
                        rawHead == null ? "" : rawHead, record.seq() + " " + record.hash(),
                        AuditChain.toJsonLine(record)).toLong();
                if (stored == 1) {
                    return record;
                }
            }
            throw new IllegalStateException("the audit head kept moving; gave up after " + MAX_ATTEMPTS + " attempts");
        } finally {
            lock.unlock();
        }
    }

    /** The last record's seq and hash (seq 0 and the genesis hash when empty). */
    public AuditChain.Head head() {
        return parseHead(redis.value(String.class).get(RedisKeys.auditHead()));
    }

    /** Up to {@code limit} records with seq greater than {@code after}, oldest first. */
    public List<AuditRecord> page(long after, int limit) {
        List<String> lines = redis.list(String.class).lrange(RedisKeys.audit(), after, after + limit - 1);
        List<AuditRecord> records = new ArrayList<>(lines.size());
        for (String line : lines) {
            records.add(AuditChain.parseJsonLines(line).get(0));
        }
        return records;
    }

    /** The raw stored lines with seq greater than {@code after} (for the export, which must not re-encode). */
    public List<String> rawPage(long after, int limit) {
        return redis.list(String.class).lrange(RedisKeys.audit(), after, after + limit - 1);
    }

    private static AuditChain.Head parseHead(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new AuditChain.Head(0, AuditRecord.GENESIS);
        }
        int space = raw.indexOf(' ');
        return new AuditChain.Head(Long.parseLong(raw.substring(0, space)), raw.substring(space + 1));
    }

    /** The W3C trace id of the current span, or empty. */
    public static String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : "";
    }
}
