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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(host.emits().size());
            for (EmittedMessage m : host.emits()) {
                out.writeLong(m.seq());
                writeString(out, m.topic());
                writeBytes(out, m.data());
            }
            out.writeBoolean(host.velocity() != null);
            if (host.velocity() != null) {
                out.writeLong(Double.doubleToRawLongBits(host.velocity().vx()));
                out.writeLong(Double.doubleToRawLongBits(host.velocity().vy()));
            }
            out.writeInt(host.logCalls());
            for (LogEntry log : host.logs()) {
                out.writeByte(log.level());
                writeString(out, log.message());
            }
            out.writeInt(host.inferenceCalls());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Hashing.digest64(bytes.toByteArray());
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
