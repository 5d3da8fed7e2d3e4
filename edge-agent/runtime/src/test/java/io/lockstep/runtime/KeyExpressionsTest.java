package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.runtime.host.KeyExpressions;
import org.junit.jupiter.api.Test;

class KeyExpressionsTest {

    @Test
    void wildcardsMatchChunks() {
        assertTrue(KeyExpressions.matches("swarm/progress/node-a", "swarm/progress/node-a"));
        assertFalse(KeyExpressions.matches("swarm/progress/node-a", "swarm/progress/node-b"));
        assertTrue(KeyExpressions.matches("swarm/*/node-a", "swarm/hazard/node-a"));
        assertFalse(KeyExpressions.matches("swarm/*", "swarm/hazard/node-a"));
        assertTrue(KeyExpressions.matches("swarm/**", "swarm/hazard/node-a"));
        assertTrue(KeyExpressions.matches("swarm/**", "swarm"));
        assertTrue(KeyExpressions.matches("**/node-a", "a/b/c/node-a"));
        assertTrue(KeyExpressions.matches("swarm/node-$*", "swarm/node-17"));
        assertFalse(KeyExpressions.matches("swarm/node-$*", "swarm/robot-17"));
        assertTrue(KeyExpressions.matches("a/$*x$*/b", "a/yyxzz/b"));
    }

    @Test
    void concreteKeysHaveNoWildcardsOrEmptyChunks() {
        assertTrue(KeyExpressions.isConcrete("a/b/c"));
        assertFalse(KeyExpressions.isConcrete("a/*"));
        assertFalse(KeyExpressions.isConcrete("a//b"));
        assertFalse(KeyExpressions.isConcrete("/a"));
        assertFalse(KeyExpressions.isConcrete(""));
        assertFalse(KeyExpressions.isConcrete("a/$*"));
    }
}
