package io.lockstep.mesh.smallrye;

import io.lockstep.mesh.api.EncodingNames;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

/**
 * SmallRye Reactive Messaging connector binding channels to Zenoh key expressions:
 *
 * <pre>
 * mp.messaging.incoming.telemetry.connector=smallrye-zenoh
 * mp.messaging.incoming.telemetry.key=demo/**
 * mp.messaging.incoming.telemetry.connect=tcp/127.0.0.1:7447
 * mp.messaging.outgoing.commands.connector=smallrye-zenoh
 * mp.messaging.outgoing.commands.key=fleet/commands
 * </pre>
 *
 * Incoming channels subscribe (payload as String, or byte[] with {@code value.type=bytes}, plus
 * {@link ZenohMetadata}); outgoing channels put each message's payload.
 */
@ApplicationScoped
@Connector(ZenohConnector.NAME)
public class ZenohConnector implements InboundConnector, OutboundConnector {
    public static final String NAME = "smallrye-zenoh";

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private Session session(ZenohChannelConfig config) {
        return sessions.computeIfAbsent(config.sessionKey(), k -> {
            try {
                return Zenoh.open(config.sessionConfig());
            } catch (IOException e) {
                throw new UncheckedIOException("channel " + config.channel() + ": cannot open the Zenoh session", e);
            }
        });
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        ZenohChannelConfig c = ZenohChannelConfig.from(config);
        Session s = session(c);
        return s.subscribe(c.key()).map(sample -> toMessage(sample, c.stringValues()));
    }

    private static Message<?> toMessage(Sample sample, boolean asString) {
        ZenohMetadata meta = new ZenohMetadata(sample.keyExpr(), sample.kind(), EncodingNames.format(sample.encoding()),
                sample.attachment());
        Object payload = asString ? new String(sample.payload(), StandardCharsets.UTF_8) : sample.payload();
        return Message.of(payload, Metadata.of(meta));
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        ZenohChannelConfig c = ZenohChannelConfig.from(config);
        return new ZenohSink(session(c), c);
    }

    /** The sessions opened for the channels (one per distinct mode/connect/listen). */
    public List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    @PreDestroy
    public void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
    }
}
