package io.lockstep.edge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.config.MeshConfig;
import io.lockstep.edge.config.NodeConfig;
import io.lockstep.edge.mesh.MeshSettings;
import io.lockstep.mesh.message.WhatAmI;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lockstep.node.*} configuration mapped to {@link NodeSettings}. */
class NodeSettingsTest {

    private static NodeSettings fromProperties(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("lockstep.node.id", "node-cfg");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NodeConfig.class)
                .withMapping(MeshConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return NodeSettings.from(config.getConfigMapping(NodeConfig.class), config.getConfigMapping(MeshConfig.class));
    }

    @Test
    void inferenceOnTheGpuIsAllowedByDefault() {
        assertTrue(fromProperties(Map.of()).inferenceGpu());
    }

    @Test
    void inferenceGpuFalseKeepsInferenceOnTheCpu() {
        assertFalse(fromProperties(Map.of("lockstep.node.inference.gpu", "false")).inferenceGpu());
    }

    @Test
    void runtimeWorkersDefaultToEveryProcessor() {
        assertEquals(Runtime.getRuntime().availableProcessors(), fromProperties(Map.of()).runtimeWorkers());
    }

    @Test
    void runtimeWorkersCanBeSet() {
        assertEquals(3, fromProperties(Map.of("lockstep.node.runtime-workers", "3")).runtimeWorkers());
    }

    @Test
    void runtimeWorkersBelowOneAreRefusedWithTheSettingsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fromProperties(Map.of("lockstep.node.runtime-workers", "0")));
        assertTrue(e.getMessage().contains("lockstep.node.runtime-workers"), e.getMessage());
    }

    @Test
    void theMeshIsAPeerByDefault() {
        assertEquals(WhatAmI.PEER, fromProperties(Map.of()).mesh().mode());
    }

    @Test
    void meshModeClientAttachesToTheConnectEndpoints() {
        MeshSettings mesh = fromProperties(Map.of("lockstep.mesh.mode", "client",
                "lockstep.mesh.connect", "tls/router.site-a:7447")).mesh();
        assertEquals(WhatAmI.CLIENT, mesh.mode());
        assertEquals(List.of("tls/router.site-a:7447"), mesh.connect());
    }

    @Test
    void meshModeMistakesAreRefusedWithTheSettingsName() {
        for (Map<String, String> bad : List.of(
                Map.of("lockstep.mesh.mode", "router", "lockstep.mesh.connect", "tcp/127.0.0.1:7447"),
                Map.of("lockstep.mesh.mode", "satellite"),
                Map.of("lockstep.mesh.mode", "client"),
                Map.of("lockstep.mesh.mode", "client", "lockstep.mesh.connect", "tcp/127.0.0.1:7447",
                        "lockstep.mesh.listen", "tcp/0.0.0.0:7447"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromProperties(bad));
            assertTrue(e.getMessage().contains("lockstep.mesh.mode"), e.getMessage());
        }
    }
}
