package io.lockstep.c2.link;

import io.grpc.Status;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.c2.replica.LinkOwnership;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Gets commands queued on any replica to the replica holding the node's link, and keeps this replica's link
 * claims alive. A replica that queues a command for a node it has no session for publishes the node id on
 * {@link RedisKeys#commandsQueuedChannel()}; the replica holding the link pushes what is stored. Pub/sub is
 * fire-and-forget (a notice is lost while a replica is disconnected from Redis), so every
 * {@code command-sweep} each replica also compares every local node's command counter with what it pushed,
 * and pushes what is missing. The same loop renews this replica's link leases and closes a local session
 * whose node has since connected through another replica (a half-open leftover).
 */
@ApplicationScoped
public class CommandRouting {

    private static final Logger LOG = Logger.getLogger(CommandRouting.class);
    /** Keys per MGET in the sweep. */
    private static final int BATCH = 500;

    private final RedisDataSource redis;
    private final PubSubCommands<String> pubsub;
    private final ValueCommands<String, Long> counters;
    private final LinkSessions sessions;
    private final LinkOwnership ownership;
    private final C2Config.Replicas settings;
    private volatile PubSubCommands.RedisSubscriber subscriber;
    private volatile boolean subscribed;
    private ScheduledExecutorService timer;
    private ExecutorService pushes;
    private long sweeps;

    @Inject
    CommandOutbox outbox;

    public CommandRouting(RedisDataSource redis, LinkSessions sessions, LinkOwnership ownership, C2Config config) {
        this.redis = redis;
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
        PubSubCommands.RedisSubscriber current = subscriber;
        if (current != null) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                LOG.debugf("Unsubscribing from command notices failed: %s", e.toString());
            }
        }
    }

    /** Tells the replica holding the node's link (if any) that a command was queued for it. */
    void announce(String nodeId) {
        try {
            if (ownership.linked(nodeId)) {
                pubsub.publish(RedisKeys.commandsQueuedChannel(), nodeId);
            }
        } catch (RuntimeException e) {
            // The command is stored; the owner's sweep (or the node's next connect) delivers it.
            LOG.debugf("Could not announce a command for node %s: %s", nodeId, e.toString());
        }
    }

    private void noticed(String nodeId) {
        sessions.find(nodeId).ifPresent(session -> pushes.execute(() -> push(session)));
    }

    private void push(LinkSession session) {
        if (session.closed()) {
            return;
        }
        try {
            outbox.push(session);
        } catch (RuntimeException e) {
            LOG.debugf("Could not push queued commands to node %s: %s", session.nodeId(), e.toString());
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
        PubSubCommands.RedisSubscriber old = subscriber;
        if (old != null) {
            try {
                old.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection it used is gone already
            }
        }
        subscriber = pubsub.subscribe(List.of(RedisKeys.commandsQueuedChannel()), (channel, nodeId) -> noticed(nodeId),
                () -> subscribed = false,
                failure -> {
                    LOG.warnf("Command notices from other replicas interrupted (%s); the sweep covers until resubscribed",
                            failure.toString());
                    subscribed = false;
                });
        subscribed = true;
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
        for (int from = 0; from < live.size(); from += BATCH) {
            List<LinkSession> batch = live.subList(from, Math.min(live.size(), from + BATCH));
            List<String> keys = new ArrayList<>();
            batch.forEach(session -> keys.add(RedisKeys.nodeCommandSeq(session.nodeId())));
            Map<String, Long> numbered = counters.mget(keys.toArray(String[]::new));
            for (LinkSession session : batch) {
                Long last = numbered.get(RedisKeys.nodeCommandSeq(session.nodeId()));
                if (last != null && CommandOutbox.behind(session, last)) {
                    push(session);
                }
            }
        }
    }
}
