package io.lockstep.edge.link;

import java.util.ArrayList;
import java.util.List;

/** One C2 replica's link address: {@code host:port}, or {@code [v6-address]:port}. */
public record C2Address(String host, int port) {

    public C2Address {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("C2 host must be set");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("C2 port must be 1..65535, got " + port);
        }
    }

    /** Parses {@code host:port} (IPv6 in brackets). */
    public static C2Address parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("a C2 target must be host:port, got '" + trimmed + "'");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 C2 host must be in brackets ([::1]:9000), got '" + trimmed + "'");
        }
        try {
            return new C2Address(host, Integer.parseInt(trimmed.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a C2 target's port must be a number, got '" + trimmed + "'");
        }
    }

    /** Parses {@code host:port,host:port,...}; blank entries are skipped, at least one is required. */
    public static List<C2Address> parseList(String text) {
        List<C2Address> addresses = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            if (!part.isBlank()) {
                addresses.add(parse(part));
            }
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one C2 target (host:port) is required");
        }
        return List.copyOf(addresses);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
