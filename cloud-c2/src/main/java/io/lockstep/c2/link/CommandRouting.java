package io.lockstep.c2.link;

import io.grpc.Status;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.replica.LinkOwnership;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Gets commands queued on any replica to the replica holding the node's link, and keeps this replica's link
 * claims alive. A replica that queues commands for nodes it has no session for publishes their ids, one per
 * line, in one notice on {@link RedisKeys#commandsQueuedChannel()} (a dispatch to a whole fleet is one notice,
 * not one per node); every replica reads the outboxes of the named nodes it holds links of in one round trip
 * and pushes what is stored. Pub/sub is
 * fire-and-forget (a notice is lost while a replica is disconnected from Redis), so every
 * {@code command-sweep} each replica also compares every local node's command counter with what it pushed,
 * and pushes what is missing. The same loop renews this replica's link leases and closes a local session
 * whose node has since connected through another replica (a half-open leftover).
 *
 * <p>The notices arrive on a connection of their own, whose handler is in place before it subscribes: on RESP3
 * the subscription's confirmation is a push message, and one that finds no handler is only logged ("No handler
 * waiting for message: [subscribe, ...]"). Quarkus' {@code PubSubCommands.subscribe} sets its handler after
 * subscribing, so its call never saw the confirmation, timed out after 10 s, and left one more subscribed
 * connection behind on every sweep that retried it.
 */
@ApplicationScoped
public class CommandRouting {

    private static final Logger LOG = Logger.getLogger(CommandRouting.class);
    /** Keys per MGET in the sweep. */
    private static final int BATCH = 500;
    /** Node ids per notice. */
    private static final int IDS_PER_NOTICE = 1_000;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(10);

    private final Redis client;
    private final PubSubCommands<String> pubsub;
    private final ValueCommands<String, Long> counters;
    private final LinkSessions sessions;
    private final LinkOwnership ownership;
    private final C2Config.Replicas settings;
    private volatile RedisConnection listener;
    private volatile boolean subscribed;
    private ScheduledExecutorService timer;
    private ExecutorService pushes;
    private long sweeps;

    @Inject
    CommandOutbox outbox;

    public CommandRouting(RedisDataSource redis, LinkSessions sessions, LinkOwnership ownership, C2Config config) {
        this.client = redis.getReactive().getRedis();
        this.pubsub = redis.pubsub(String.class);
        this.counters = redis.value(Long.class);
        this.sessions = sessions;
        this.ownership = ownership;
        this.settings = config.replicas();
    }

    void start(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "c2-command-routing");
            thread.setDaemon(true);
            return thread;
        });
        // Pushes do blocking Redis reads; the subscriber's callback must not run them on the event loop.
        pushes = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "c2-command-push");
            thread.setDaemon(true);
            return thread;
        });
        long millis = settings.commandSweep().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
            pushes.shutdownNow();
        }
        closeListener();
    }

    /** Tells the replicas that commands were queued for {@code nodeIds}; the one holding a node's link pushes them. */
    void announce(Collection<String> nodeIds) {
        List<String> ids = List.copyOf(nodeIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_NOTICE) {
            try {
                pubsub.publish(RedisKeys.commandsQueuedChannel(),
                        String.join("\n", ids.subList(from, Math.min(ids.size(), from + IDS_PER_NOTICE))));
            } catch (RuntimeException e) {
                // The commands are stored; the owner's sweep (or the node's next connect) delivers them.
                LOG.debugf("Could not announce commands for %d nodes: %s", ids.size(), e.toString());
                return;
            }
        }
    }

    /** Whether this replica is subscribed to the notices (the sweep covers while it is not). */
    boolean listening() {
        return subscribed;
    }

    private void noticed(String notice) {
        List<LinkSession> local = new ArrayList<>();
        for (String nodeId : notice.split("\n")) {
            sessions.find(nodeId).filter(session -> !session.closed()).ifPresent(local::add);
        }
        if (!local.isEmpty()) {
            pushes.execute(() -> pushAll(local));
        }
    }

    private void pushAll(List<LinkSession> targets) {
        try {
            outbox.pushAll(targets.stream().filter(session -> !session.closed()).toList());
        } catch (RuntimeException e) {
            LOG.debugf("Could not push queued commands to %d nodes: %s", targets.size(), e.toString());
        }
    }

    private void tick() {
        try {
            ensureSubscribed();
            List<LinkSession> live = sessions.live();
            long renewEvery = Math.max(1, settings.linkLease().toMillis() / 3 / Math.max(1, settings.commandSweep().toMillis()));
            if (sweeps++ % renewEvery == 0) {
                renew(live);
            }
            sweep(live);
        } catch (RuntimeException e) {
            LOG.debugf("Command routing tick failed (Redis away?): %s", e.toString());
        }
    }

    private void ensureSubscribed() {
        if (subscribed) {
            return;
        }
        closeListener();
        RedisConnection connection = client.connect().await().atMost(REDIS_TIMEOUT);
        listener = connection;
        connection.handler(this::received);
        // A connection closed here earlier may report its end after its successor subscribed: only the current one counts.
        connection.endHandler(() -> {
            if (listener == connection) {
                subscribed = false;
            }
        });
        connection.exceptionHandler(failure -> {
            if (listener == connection) {
                LOG.warnf("Command notices from other replicas interrupted (%s); the sweep covers until resubscribed",
                        failure.toString());
                subscribed = false;
            }
        });
        try {
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(RedisKeys.commandsQueuedChannel()))
                    .await().atMost(REDIS_TIMEOUT);
        } catch (RuntimeException e) {
            closeListener();
            throw e;
        }
        subscribed = true;
    }

    /** A push on the notice connection: the subscription's confirmation, or a notice ([message, channel, ids]). */
    private void received(Response push) {
        if (push != null && push.size() == 3 && "message".equalsIgnoreCase(push.get(0).toString())) {
            noticed(push.get(2).toString());
        }
    }

    private void closeListener() {
        RedisConnection current = listener;
        listener = null;
        subscribed = false;
        if (current != null) {
            try {
                current.closeAndForget();
            } catch (RuntimeException e) {
                LOG.debugf("Closing the command notice connection failed: %s", e.toString());
            }
        }
    }

    private void renew(List<LinkSession> live) {
        for (LinkSession session : live) {
            String token = session.ownerToken();
            if (token == null || session.closed()) {
                continue;
            }
            if (!ownership.renew(session.nodeId(), token)) {
                LOG.infof("Node %s connected through another replica; closing its stale link session here",
                        session.nodeId());
                session.close(Status.ABORTED.withDescription("node " + session.nodeId()
                        + " has a newer connection to another C2 replica"));
            }
        }
    }

    private void sweep(List<LinkSession> live) {
        List<LinkSession> behind = new ArrayList<>();
        for (int from = 0; from < live.size(); from += BATCH) {
            List<LinkSession> batch = live.subList(from, Math.min(live.size(), from + BATCH));
            List<String> keys = new ArrayList<>();
            batch.forEach(session -> keys.add(RedisKeys.nodeCommandSeq(session.nodeId())));
            Map<String, Long> numbered = counters.mget(keys.toArray(String[]::new));
            for (LinkSession session : batch) {
                Long last = numbered.get(RedisKeys.nodeCommandSeq(session.nodeId()));
                if (last != null && CommandOutbox.behind(session, last)) {
                    behind.add(session);
                }
            }
        }
        pushAll(behind);
    }
}
