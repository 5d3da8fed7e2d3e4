package io.lockstep.mesh.transport;

import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.transport.Close;
import io.lockstep.mesh.message.transport.Init;
import io.lockstep.mesh.message.transport.Open;
import io.lockstep.mesh.message.transport.TransportCodec;
import io.lockstep.mesh.message.transport.TransportMessage;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The four-message session establishment: INIT syn, INIT ack, OPEN syn, OPEN ack. Each side asks its
 * {@link PeerAdmission} about the peer as soon as the peer's INIT arrives, and closes the link instead of going on.
 */
public final class Handshake {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    private Handshake() {
    }

    /** The connecting side. */
    public static TransportParams initiate(TcpLink link, TransportConfig config, PeerAdmission admission)
            throws IOException {
        link.setReadTimeout(HANDSHAKE_TIMEOUT_MS);
        link.write(TransportCodec.encode(new Init(false, TransportConfig.PROTOCOL_VERSION, config.whatAmI(), config.zid(),
                Init.DEFAULT_RESOLUTION, config.batchSize(), null, TransportConfig.PATCH)));
        Init ack = expect(link, Init.class);
        if (!ack.ack()) {
            throw fail(link, "expected INIT ack, got INIT syn");
        }
        checkVersion(link, ack.version());
        admit(link, admission, ack);
        int resolution = ack.effectiveResolution();
        if ((resolution & 0x03) > (Init.DEFAULT_RESOLUTION & 0x03)) {
            throw fail(link, "peer asked for a larger sequence-number resolution than offered");
        }
        int batch = Math.min(config.batchSize(), ack.effectiveBatchSize());
        long patch = ack.patch() == null ? 0 : Math.min(ack.patch(), TransportConfig.PATCH);
        long sn = initialSn(resolution);
        link.write(TransportCodec.encode(new Open(false, config.leaseMillis(), config.leaseMillis() % 1000 == 0, sn,
                ack.cookie())));
        Open openAck = expect(link, Open.class);
        if (!openAck.ack()) {
            throw fail(link, "expected OPEN ack");
        }
        link.setReadTimeout(0);
        return new TransportParams(ack.zid(), ack.whatAmI(), batch, resolution, openAck.leaseMillis(), openAck.initialSn(),
                sn, patch);
    }

    /** The listening side. */
    public static TransportParams accept(TcpLink link, TransportConfig config, PeerAdmission admission)
            throws IOException {
        link.setReadTimeout(HANDSHAKE_TIMEOUT_MS);
        Init syn = expect(link, Init.class);
        if (syn.ack()) {
            throw fail(link, "expected INIT syn, got INIT ack");
        }
        checkVersion(link, syn.version());
        admit(link, admission, syn);
        int offered = syn.effectiveResolution();
        // Never exceed 32-bit sequence numbers and request ids: keep each 2-bit field at min(offered, U32).
        int resolution = Math.min(offered & 0x03, 0x02) | (Math.min((offered >>> 2) & 0x03, 0x02) << 2);
        int batch = Math.min(config.batchSize(), syn.effectiveBatchSize());
        long patch = syn.patch() == null ? 0 : Math.min(syn.patch(), TransportConfig.PATCH);
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        link.write(TransportCodec.encode(new Init(true, TransportConfig.PROTOCOL_VERSION, config.whatAmI(), config.zid(),
                resolution, batch, cookie, syn.patch() == null ? null : patch)));
        Open open = expect(link, Open.class);
        if (open.ack()) {
            throw fail(link, "expected OPEN syn, got OPEN ack");
        }
        if (!Arrays.equals(cookie, open.cookie())) {
            throw fail(link, "OPEN syn carries a cookie we did not issue");
        }
        long sn = initialSn(resolution);
        link.write(TransportCodec.encode(new Open(true, config.leaseMillis(), config.leaseMillis() % 1000 == 0, sn, null)));
        link.setReadTimeout(0);
        return new TransportParams(syn.zid(), syn.whatAmI(), batch, resolution, open.leaseMillis(), open.initialSn(), sn,
                patch);
    }

    /** Refuses the peer its INIT names, with a CLOSE, unless {@code admission} admits it. */
    private static void admit(TcpLink link, PeerAdmission admission, Init peer) throws IOException {
        PeerAdmission.Refusal refusal = admission.refusal(link, peer.zid(), peer.whatAmI());
        if (refusal != null) {
            throw fail(link, refusal.closeReason(), refusal.why());
        }
    }

    private static long initialSn(int resolution) {
        return Math.floorMod(RANDOM.nextLong(), TransportParams.snModulus(resolution));
    }

    private static void checkVersion(TcpLink link, int version) throws IOException {
        if (version != TransportConfig.PROTOCOL_VERSION) {
            throw fail(link, String.format("unsupported protocol version 0x%02x", version));
        }
    }

    private static <T extends TransportMessage> T expect(TcpLink link, Class<T> type) throws IOException {
        TransportMessage m;
        try {
            m = TransportCodec.decode(link.read());
        } catch (MalformedMessageException e) {
            throw fail(link, "malformed handshake message: " + e.getMessage());
        }
        if (m instanceof Close c) {
            throw new HandshakeException("peer refused the session: " + Close.describe(c.reason()));
        }
        if (!type.isInstance(m)) {
            throw fail(link, "expected " + type.getSimpleName() + ", got " + m.getClass().getSimpleName());
        }
        return type.cast(m);
    }

    private static HandshakeException fail(TcpLink link, String why) {
        return fail(link, Close.INVALID, why);
    }

    private static HandshakeException fail(TcpLink link, int closeReason, String why) {
        try {
            link.write(TransportCodec.encode(new Close(closeReason, true)));
        } catch (IOException ignored) {
            // the peer may already be gone; the handshake fails either way
        }
        return new HandshakeException(why);
    }
}
