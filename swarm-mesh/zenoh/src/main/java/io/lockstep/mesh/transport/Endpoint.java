package io.lockstep.mesh.transport;

import java.net.InetSocketAddress;

/**
 * A locator written as Zenoh writes it: {@code tcp/127.0.0.1:7447}, {@code tcp/[::1]:7447}, {@code tls/host:7447}. Anything after '#'
 * (Zenoh's per-endpoint configuration) is ignored.
 */
public record Endpoint(String protocol, String host, int port) {

    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty endpoint");
        }
        String t = text.trim();
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        int slash = t.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("endpoint '" + text + "' must look like tcp/<host>:<port>");
        }
        String protocol = t.substring(0, slash);
        if (!protocol.equals("tcp") && !protocol.equals("tls")) {
            throw new IllegalArgumentException("unsupported protocol '" + protocol + "' in '" + text
                    + "': only tcp and tls are supported");
        }
        String address = t.substring(slash + 1);
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("endpoint '" + text + "' has no port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint '" + text + "' has an invalid port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint '" + text + "' has a port out of range");
        }
        return new Endpoint(protocol, host, port);
    }

    /** A {@code tls/} endpoint: mutual TLS over TCP. */
    public boolean isTls() {
        return protocol.equals("tls");
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    public Endpoint withPort(int newPort) {
        return new Endpoint(protocol, host, newPort);
    }

    @Override
    public String toString() {
        return protocol + "/" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
