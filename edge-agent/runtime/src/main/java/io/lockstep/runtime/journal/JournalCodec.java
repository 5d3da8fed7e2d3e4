package io.lockstep.runtime.journal;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.JournalException;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.engine.AgentDigest;
import io.lockstep.runtime.engine.CanonicalInputs;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.host.InferenceRecord;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes record payloads. Decoding never trusts a length: bad payloads raise JournalException. */
public final class JournalCodec {
    private static final int MAX_ITEMS = 1 << 24;

    private JournalCodec() {
    }

    // ---- header ----

    public static byte[] header(MissionSetup s) {
        PayloadWriter w = new PayloadWriter();
        w.i32(JournalFormat.FORMAT_VERSION).string(s.missionId()).string(s.nodeId());
        RuntimeLimits l = s.limits();
        w.i64(l.fuelPerTick()).i32(l.maxMemoryPages()).i32(l.maxCallDepth()).i32(l.maxModuleBytes())
                .i32(l.snapshotEveryTicks());
        w.string(s.mode().name()).i32(s.shareIndex()).i32(s.shareCount());
        double[] area = s.area();
        w.i32(area.length);
        for (double v : area) {
            w.f64(v);
        }
        long[] seeds = s.rngSeeds();
        w.i32(s.agents().size());
        for (int i = 0; i < s.agents().size(); i++) {
            AgentDefinition a = s.agents().get(i);
            w.string(a.name()).bytes(a.wasm()).i64(seeds[i]);
            w.i32(a.params().size());
            for (Parameter p : a.params()) {
                w.string(p.key()).string(p.value());
            }
            CapabilityGrant g = a.grant();
            for (List<String> list : List.of(g.hostFunctions(), g.emitTopics(), g.models(), g.subscribeTopics())) {
                w.i32(list.size());
                list.forEach(w::string);
            }
        }
        return w.toByteArray();
    }

    public static MissionSetup header(byte[] payload) {
        PayloadReader r = new PayloadReader(payload, "header record");
        int version = r.i32();
        if (version != JournalFormat.FORMAT_VERSION) {
            throw new JournalException("unsupported journal format version " + version);
        }
        String mission = r.string();
        String node = r.string();
        try {
            RuntimeLimits limits = new RuntimeLimits(r.i64(), r.i32(), r.i32(), r.i32(), r.i32());
            ExecutionMode mode = ExecutionMode.valueOf(r.string());
            int shareIndex = r.i32();
            int shareCount = r.i32();
            double[] area = new double[r.count(MAX_ITEMS)];
            for (int i = 0; i < area.length; i++) {
                area[i] = r.f64();
            }
            int n = r.count(10_000);
            List<AgentDefinition> agents = new ArrayList<>();
            long[] seeds = new long[n];
            for (int i = 0; i < n; i++) {
                String name = r.string();
                byte[] wasm = r.bytes();
                seeds[i] = r.i64();
                int pc = r.count(MAX_ITEMS);
                List<Parameter> params = new ArrayList<>();
                for (int p = 0; p < pc; p++) {
                    params.add(new Parameter(r.string(), r.string()));
                }
                List<List<String>> lists = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    int c = r.count(MAX_ITEMS);
                    List<String> list = new ArrayList<>();
                    for (int j = 0; j < c; j++) {
                        list.add(r.string());
                    }
                    lists.add(list);
                }
                agents.add(new AgentDefinition(name, wasm, params,
                        new CapabilityGrant(lists.get(0), lists.get(1), lists.get(2), lists.get(3))));
            }
            r.end();
            return new MissionSetup(mission, node, agents, area, shareIndex, shareCount, limits, mode, seeds);
        } catch (IllegalArgumentException e) {
            throw new JournalException("header record: " + e.getMessage(), e);
        }
    }

    // ---- inputs ----

    public static byte[] inputs(CanonicalInputs in) {
        PayloadWriter w = new PayloadWriter();
        inputs(in, w);
        return w.toByteArray();
    }

    static void inputs(CanonicalInputs in, PayloadWriter w) {
        w.i64(in.tick()).bytes(in.sensorFrame()).i32(in.peerMessages().size());
        for (PeerMessage m : in.peerMessages()) {
            w.string(m.sender()).i64(m.seq()).string(m.topic()).bytes(m.data());
        }
        for (List<InputEvent> events : List.of(in.commands(), in.hostEvents())) {
            w.i32(events.size());
            for (InputEvent e : events) {
                w.string(e.kind()).bytes(e.data());
            }
        }
    }

    public static CanonicalInputs inputs(byte[] payload) {
        PayloadReader r = new PayloadReader(payload, "inputs record");
        try {
            long tick = r.i64();
            byte[] frame = r.bytes();
            int n = r.count(MAX_ITEMS);
            List<PeerMessage> peers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                peers.add(new PeerMessage(r.string(), r.i64(), r.string(), r.bytes()));
            }
            List<List<InputEvent>> events = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                int c = r.count(MAX_ITEMS);
                List<InputEvent> list = new ArrayList<>();
                for (int i = 0; i < c; i++) {
                    list.add(new InputEvent(r.string(), r.bytes()));
                }
                events.add(list);
            }
            r.end();
            return new CanonicalInputs(tick, frame, peers, events.get(0), events.get(1));
        } catch (IllegalArgumentException e) {
            throw new JournalException("inputs record: " + e.getMessage(), e);
        }
    }

    // ---- results ----

    public static byte[] result(TickRecord t) {
        PayloadWriter w = new PayloadWriter(64 + 64 * t.digests().size());
        result(t, w);
        return w.toByteArray();
    }

    static void result(TickRecord t, PayloadWriter w) {
        w.i64(t.tick()).i32(t.inference().size());
        for (InferenceRecord i : t.inference()) {
            w.i32(i.agentIndex()).string(i.model()).i32(i.code()).i32(i.outputs().length);
            for (float f : i.outputs()) {
                w.i32(Float.floatToRawIntBits(f));
            }
        }
        w.i64(t.outputsDigest()).i32(t.digests().size());
        for (AgentDigest d : t.digests()) {
            w.u8(d.state().ordinal()).string(d.fault()).i64(d.fuelUsed()).i32(d.progressPermille())
                    .i32(d.memoryPages()).i32(d.memoryCrc()).i64(d.globalsHash()).i64(d.kvHash())
                    .i64(d.outputsHash());
        }
        w.raw(t.fingerprint(), 0, 32);
    }

    public static TickRecord result(byte[] payload) {
        PayloadReader r = new PayloadReader(payload, "result record");
        long tick = r.i64();
        int n = r.count(MAX_ITEMS);
        List<InferenceRecord> inference = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int agent = r.i32();
            String model = r.string();
            int code = r.i32();
            float[] out = new float[r.count(MAX_ITEMS)];
            for (int k = 0; k < out.length; k++) {
                out[k] = Float.intBitsToFloat(r.i32());
            }
            inference.add(new InferenceRecord(agent, model, code, out));
        }
        long outputs = r.i64();
        int agents = r.count(10_000);
        List<AgentDigest> digests = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            digests.add(new AgentDigest(state(r.u8()), r.string(), r.i64(), r.i32(), r.i32(), r.i32(), r.i64(),
                    r.i64(), r.i64()));
        }
        byte[] fingerprint = r.raw(32);
        r.end();
        return new TickRecord(tick, inference, outputs, digests, fingerprint);
    }

    static AgentState state(int ordinal) {
        AgentState[] all = AgentState.values();
        if (ordinal >= all.length) {
            throw new JournalException("unknown agent state " + ordinal);
        }
        return all[ordinal];
    }
}
