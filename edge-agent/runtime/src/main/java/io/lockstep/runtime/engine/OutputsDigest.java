package io.lockstep.runtime.engine;

import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.LogEntry;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.host.AgentHost;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** 64-bit digests of an agent's tick outputs and of a tick's canonical inputs. */
final class OutputsDigest {
    private OutputsDigest() {
    }

    static long of(AgentHost host) {
        Digest64 d = new Digest64();
        d.i32(host.emits().size());
        for (EmittedMessage m : host.emits()) {
            d.i64(m.seq()).string(m.topic()).bytes(m.data());
        }
        d.u8(host.velocity() != null ? 1 : 0);
        if (host.velocity() != null) {
            d.i64(Double.doubleToRawLongBits(host.velocity().vx()));
            d.i64(Double.doubleToRawLongBits(host.velocity().vy()));
        }
        d.i32(host.logCalls());
        for (LogEntry log : host.logs()) {
            d.u8(log.level()).string(log.message());
        }
        d.i32(host.inferenceCalls());
        return d.value();
    }

    static byte[] inputsBytes(CanonicalInputs in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + in.sensorFrame().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(in.tick());
            writeBytes(out, in.sensorFrame());
            out.writeInt(in.peerMessages().size());
            for (PeerMessage m : in.peerMessages()) {
                writeString(out, m.sender());
                out.writeLong(m.seq());
                writeString(out, m.topic());
                writeBytes(out, m.data());
            }
            for (var events : java.util.List.of(in.commands(), in.hostEvents())) {
                out.writeInt(events.size());
                for (InputEvent e : events) {
                    writeString(out, e.kind());
                    writeBytes(out, e.data());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }
}
