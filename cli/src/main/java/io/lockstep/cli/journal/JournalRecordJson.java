package io.lockstep.cli.journal;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.engine.AgentDigest;
import io.lockstep.runtime.engine.AgentStateData;
import io.lockstep.runtime.engine.CanonicalInputs;
import io.lockstep.runtime.engine.EngineSnapshot;
import io.lockstep.runtime.engine.Hashing;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.host.InferenceRecord;
import io.lockstep.runtime.journal.TickRecord;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded journal records as JSON-ready maps (field order fixed, so a dump is stable). Byte payloads are
 * base64, digests and fingerprints lower-case hex.
 */
final class JournalRecordJson {
    private static final HexFormat HEX = HexFormat.of();

    private JournalRecordJson() {
    }

    static Map<String, Object> header(MissionSetup s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("missionId", s.missionId());
        m.put("nodeId", s.nodeId());
        m.put("mode", s.mode().name());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("fuelPerTick", s.limits().fuelPerTick());
        limits.put("maxMemoryPages", s.limits().maxMemoryPages());
        limits.put("maxCallDepth", s.limits().maxCallDepth());
        limits.put("maxModuleBytes", s.limits().maxModuleBytes());
        limits.put("snapshotEveryTicks", s.limits().snapshotEveryTicks());
        m.put("limits", limits);
        m.put("shareIndex", s.shareIndex());
        m.put("shareCount", s.shareCount());
        m.put("area", s.area());
        List<Object> agents = new ArrayList<>();
        long[] seeds = s.rngSeeds();
        for (int i = 0; i < s.agents().size(); i++) {
            AgentDefinition a = s.agents().get(i);
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("name", a.name());
            agent.put("moduleSha256", Hashing.sha256Hex(a.wasm()));
            agent.put("moduleBytes", a.wasm().length);
            agent.put("rngSeed", seeds[i]);
            Map<String, String> params = new LinkedHashMap<>();
            for (Parameter p : a.params()) {
                params.put(p.key(), p.value());
            }
            agent.put("params", params);
            Map<String, Object> grant = new LinkedHashMap<>();
            grant.put("hostFunctions", a.grant().hostFunctions());
            grant.put("emitTopics", a.grant().emitTopics());
            grant.put("models", a.grant().models());
            grant.put("subscribeTopics", a.grant().subscribeTopics());
            agent.put("grant", grant);
            agents.add(agent);
        }
        m.put("agents", agents);
        return m;
    }

    static Map<String, Object> inputs(CanonicalInputs in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tick", in.tick());
        m.put("sensorFrame", sensorFrame(in.sensorFrame()));
        List<Object> peers = new ArrayList<>();
        for (PeerMessage p : in.peerMessages()) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("sender", p.sender());
            peer.put("seq", p.seq());
            peer.put("topic", p.topic());
            peer.put("dataBase64", base64(p.data()));
            peers.add(peer);
        }
        m.put("peerMessages", peers);
        m.put("commands", events(in.commands()));
        m.put("hostEvents", events(in.hostEvents()));
        return m;
    }

    /** The frame decoded when it is a valid v1 frame; its raw bytes otherwise (agents see whatever was fed). */
    private static Map<String, Object> sensorFrame(byte[] bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            SensorFrame f = SensorFrame.decode(bytes);
            m.put("xM", f.xM());
            m.put("yM", f.yM());
            m.put("vxMps", f.vxMps());
            m.put("vyMps", f.vyMps());
            m.put("batteryFraction", f.batteryFraction());
            m.put("flags", f.flags());
            m.put("ranges", f.ranges());
        } catch (IllegalArgumentException e) {
            m.put("undecodable", e.getMessage());
            m.put("base64", base64(bytes));
        }
        return m;
    }

    private static List<Object> events(List<InputEvent> events) {
        List<Object> out = new ArrayList<>();
        for (InputEvent e : events) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("kind", e.kind());
            event.put("dataBase64", base64(e.data()));
            out.add(event);
        }
        return out;
    }

    static Map<String, Object> result(TickRecord t, List<String> agentNames) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tick", t.tick());
        m.put("fingerprint", HEX.formatHex(t.fingerprint()));
        m.put("outputsDigest", String.format("%016x", t.outputsDigest()));
        List<Object> inference = new ArrayList<>();
        for (InferenceRecord i : t.inference()) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("agent", name(agentNames, i.agentIndex()));
            call.put("model", i.model());
            call.put("code", i.code());
            call.put("outputs", i.outputs());
            inference.add(call);
        }
        m.put("inference", inference);
        List<Object> agents = new ArrayList<>();
        for (int i = 0; i < t.digests().size(); i++) {
            AgentDigest d = t.digests().get(i);
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("name", name(agentNames, i));
            agent.put("state", d.state().name());
            agent.put("fault", d.fault());
            agent.put("fuelUsed", d.fuelUsed());
            agent.put("progressPermille", d.progressPermille());
            agent.put("memoryPages", d.memoryPages());
            agent.put("memoryCrc32c", String.format("%08x", d.memoryCrc()));
            agent.put("globalsHash", String.format("%016x", d.globalsHash()));
            agent.put("kvHash", String.format("%016x", d.kvHash()));
            agent.put("outputsHash", String.format("%016x", d.outputsHash()));
            agents.add(agent);
        }
        m.put("agents", agents);
        return m;
    }

    /** A summary of a snapshot: its memories are only described (size, base, runs, checksum), not printed. */
    static Map<String, Object> snapshot(EngineSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tick", s.tick());
        m.put("fingerprint", HEX.formatHex(s.fingerprint()));
        m.put("pendingLocalMessages", s.pending().size());
        List<Object> agents = new ArrayList<>();
        for (AgentStateData a : s.agents()) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("name", a.name());
            agent.put("state", a.state().name());
            agent.put("fault", a.fault());
            agent.put("progressPermille", a.progressPermille());
            agent.put("memoryPages", a.memoryPages());
            agent.put("memoryCrc32c", String.format("%08x", a.memory().crc32c()));
            agent.put("memoryBase", a.memory().baseSha256() == null ? "zero"
                    : "fresh:" + HEX.formatHex(a.memory().baseSha256()));
            agent.put("memoryRuns", a.memory().runs().size());
            agent.put("memoryRunBytes", a.memory().storedBytes());
            agent.put("globals", a.globals().length);
            agent.put("kvKeys", List.copyOf(a.kv().keySet()));
            agents.add(agent);
        }
        m.put("agents", agents);
        return m;
    }

    private static String name(List<String> names, int index) {
        return index >= 0 && index < names.size() ? names.get(index) : "#" + index;
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
