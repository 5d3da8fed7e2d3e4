package io.lockstep.edge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.config.MeshConfig;
import io.lockstep.edge.config.NodeConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
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
}
