package io.lockstep.mesh.smallrye;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Sample;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Channels bound to key expressions in application.properties, in a running Quarkus application. */
@QuarkusTest
@QuarkusTestResource(ZenohPeerResource.class)
class QuarkusChannelTest {
    @Inject
    TelemetryApp app;

    private static void until(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void incomingAndOutgoingChannelsTalkToAnotherZenohPeer() throws Exception {
        var peer = ZenohPeerResource.peer;
        until(() -> peer.declarePublisher("demo/x", PutOptions.DEFAULT).hasMatchingSubscribers(),
                "the incoming channel subscribed to demo/** on the peer");
        peer.put("demo/x", "from the mesh");
        until(() -> app.received().contains("from the mesh"), "incoming channel delivered the sample");

        List<Sample> commands = new CopyOnWriteArrayList<>();
        peer.declareSubscriber("fleet/**", commands::add);
        until(() -> {
            app.sendCommand("go");
            return !commands.isEmpty();
        }, "outgoing channel published");
        assertEquals("fleet/commands", commands.get(0).keyExpr());
        assertEquals("go", commands.get(0).payloadAsString());
    }
}
