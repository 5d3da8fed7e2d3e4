package io.lockstep.mesh.smallrye;

import io.lockstep.mesh.api.EncodingNames;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes each message of an outgoing channel as a Zenoh put, one at a time, acking after the put. */
final class ZenohSink implements Flow.Subscriber<Message<?>> {
    private static final System.Logger LOG = System.getLogger(ZenohSink.class.getName());
    private final Session session;
    private final ZenohChannelConfig config;
    private Flow.Subscription subscription;

    ZenohSink(Session session, ZenohChannelConfig config) {
        this.session = session;
        this.config = config;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(Message<?> message) {
        try {
            String key = message.getMetadata(ZenohMetadata.class).map(ZenohMetadata::keyExpr).orElse(config.key());
            Object payload = message.getPayload();
            byte[] bytes;
            PutOptions options = PutOptions.DEFAULT.withCongestionControl(config.congestionControl());
            if (payload instanceof byte[] b) {
                bytes = b;
            } else {
                bytes = String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
                options = options.withEncoding(EncodingNames.ZENOH_STRING);
            }
            byte[] attachment = message.getMetadata(ZenohMetadata.class).map(ZenohMetadata::attachment).orElse(null);
            if (attachment != null) {
                options = options.withAttachment(attachment);
            }
            session.put(key, bytes, options);
            message.ack();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "channel " + config.channel() + ": put failed", e);
            message.nack(e);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        LOG.log(System.Logger.Level.WARNING, "channel " + config.channel() + " failed upstream", t);
    }

    @Override
    public void onComplete() {
        // nothing to flush: every put was handed to the session as it came
    }
}
