package io.lockstep.mesh.smallrye;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.transport.CongestionControl;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One channel's attributes from {@code mp.messaging.[incoming|outgoing].<channel>.*}: {@code key} (mandatory),
 * {@code mode} (peer|client), {@code connect} and {@code listen} (comma-separated endpoints), {@code value.type}
 * (string|bytes, incoming) and {@code congestion-control} (drop|block, outgoing).
 */
record ZenohChannelConfig(String channel, String key, Map<String, String> session, boolean stringValues,
        CongestionControl congestionControl) {

    static ZenohChannelConfig from(org.eclipse.microprofile.config.Config config) {
        String channel = config.getOptionalValue("channel-name", String.class).orElse("?");
        String key = config.getOptionalValue("key", String.class).orElseThrow(() -> new IllegalArgumentException(
                "channel '" + channel + "' of connector smallrye-zenoh needs a 'key' attribute (a Zenoh key expression)"));
        KeyExpr.autocanonize(key); // a bad key expression fails at startup, naming the problem
        Map<String, String> session = new LinkedHashMap<>();
        for (String name : new String[] {"mode", "connect", "listen"}) {
            config.getOptionalValue(name, String.class).ifPresent(v -> session.put(name, v));
        }
        String type = config.getOptionalValue("value.type", String.class).orElse("string").toLowerCase(Locale.ROOT);
        if (!type.equals("string") && !type.equals("bytes")) {
            throw new IllegalArgumentException("channel '" + channel + "': value.type must be string or bytes, not " + type);
        }
        String cc = config.getOptionalValue("congestion-control", String.class).orElse("block").toUpperCase(Locale.ROOT);
        return new ZenohChannelConfig(channel, key, Map.copyOf(session), type.equals("string"), CongestionControl.valueOf(cc));
    }

    /** Channels with the same session attributes share one Zenoh session. */
    String sessionKey() {
        return new java.util.TreeMap<>(session).toString();
    }

    Config sessionConfig() {
        return Config.fromMap(session);
    }
}
