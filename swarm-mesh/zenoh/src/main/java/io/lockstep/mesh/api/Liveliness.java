package io.lockstep.mesh.api;

import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.session.SessionCore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Liveliness: tokens that exist while their session lives, and who is watching them. */
public final class Liveliness {
    private final SessionCore core;

    Liveliness(SessionCore core) {
        this.core = core;
    }

    public LivelinessToken declareToken(String key) {
        KeyExpr k = KeyExpr.autocanonize(key);
        long id = core.declareToken(k);
        return new LivelinessToken(k.toString(), () -> core.undeclareToken(id));
    }

    /** PUT samples when matching tokens appear, DELETE when they disappear. */
    public Subscriber declareSubscriber(String key, boolean history, Consumer<Sample> callback) {
        KeyExpr k = KeyExpr.autocanonize(key);
        long id = core.declareLivelinessSubscriber(k, history, callback);
        return new Subscriber(k.toString(), () -> core.undeclareLivelinessSubscriber(id));
    }

    public Multi<Sample> subscribe(String key, boolean history) {
        return Multi.createFrom().emitter(emitter -> {
            Subscriber s = declareSubscriber(key, history, emitter::emit);
            emitter.onTermination(s::close);
        }, BackPressureStrategy.BUFFER);
    }

    public void get(String key, Duration timeout, Consumer<Sample> onToken, Runnable onDone) {
        core.livelinessGet(KeyExpr.autocanonize(key), timeout.toMillis(), onToken, onDone);
    }

    /** Blocks until every peer answered or the timeout passed; returns the alive tokens. */
    public List<Sample> getAll(String key, Duration timeout) throws InterruptedException {
        List<Sample> tokens = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        get(key, timeout, tokens::add, done::countDown);
        done.await();
        return List.copyOf(tokens);
    }
}
