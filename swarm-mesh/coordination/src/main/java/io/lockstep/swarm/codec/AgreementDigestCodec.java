package io.lockstep.swarm.codec;

import io.lockstep.swarm.agreement.AgreementDigest;
import io.lockstep.swarm.allocation.NodeIds;
import java.nio.charset.StandardCharsets;

/**
 * Agreement digest wire format, version 1 (big-endian):
 * <pre>
 *   "LSAG" u8 version=1
 *   u8 len, node id UTF-8 (1..128)     i64 sequence (&gt;= 0)
 *   u8 len, mission id UTF-8 (1..128)  i64 plan version (&gt;= 0)   u16 allocator version
 *   32 bytes membership digest         32 bytes coverage digest     varint completed count
 * </pre>
 * Nothing may follow; at most {@link Limits#MAX_DIGEST_BYTES}.
 */
public final class AgreementDigestCodec {

    static final byte[] MAGIC = "LSAG".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private AgreementDigestCodec() {
    }

    public static byte[] encode(AgreementDigest d) {
        return new WireWriter().bytes(MAGIC).u8(VERSION).text(d.nodeId()).i64(d.sequence()).text(d.missionId())
                .i64(d.planVersion()).u16(d.allocatorVersion()).bytes(d.membershipDigest())
                .bytes(d.coverageDigest()).varint(d.completedCount()).toByteArray();
    }

    public static AgreementDigest decode(byte[] data) throws MalformedMessageException {
        WireReader r = WireReader.open(data, Limits.MAX_DIGEST_BYTES, MAGIC, VERSION, "agreement digest");
        String node = r.text(NodeIds.MAX_BYTES, "node id");
        long sequence = r.i64("sequence");
        String mission = r.text(Limits.MAX_MISSION_ID_BYTES, "mission id");
        long planVersion = r.i64("plan version");
        int allocatorVersion = r.u16("allocator version");
        byte[] membership = r.bytes(AgreementDigest.DIGEST_BYTES, "membership digest");
        byte[] coverage = r.bytes(AgreementDigest.DIGEST_BYTES, "coverage digest");
        int completed = r.varint("completed count");
        r.expectEnd("agreement digest");
        try {
            return new AgreementDigest(node, sequence, mission, planVersion, allocatorVersion, membership, coverage,
                    completed);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("agreement digest: " + e.getMessage());
        }
    }
}
