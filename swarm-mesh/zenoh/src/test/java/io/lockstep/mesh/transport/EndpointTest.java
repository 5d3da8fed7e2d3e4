package io.lockstep.mesh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesZenohLocators() {
        assertEquals(new Endpoint("tcp", "127.0.0.1", 7447), Endpoint.parse("tcp/127.0.0.1:7447"));
        assertEquals(new Endpoint("tcp", "::1", 7447), Endpoint.parse("tcp/[::1]:7447"));
        assertEquals(new Endpoint("tcp", "localhost", 7447), Endpoint.parse("tcp/localhost:7447#iface=lo"));
        assertEquals("tcp/[::1]:7447", Endpoint.parse("tcp/[::1]:7447").toString());
        assertEquals(new Endpoint("tls", "node-1.fleet", 7447), Endpoint.parse("tls/node-1.fleet:7447"));
        assertEquals(true, Endpoint.parse("tls/127.0.0.1:7447").isTls());
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("udp/127.0.0.1:7447"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("127.0.0.1:7447"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tcp/127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tcp/127.0.0.1:99999"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tcp/127.0.0.1:port"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(""));
    }
}
