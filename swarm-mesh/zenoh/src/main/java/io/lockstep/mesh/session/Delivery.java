package io.lockstep.mesh.session;

import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.payload.Put;
import io.lockstep.mesh.message.payload.PushBody;

/** Hands samples to user callbacks; a callback that throws is logged and never disturbs the session. */
final class Delivery {
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private Delivery() {
    }

    static Sample sample(KeyExpr key, PushBody body) {
        return sample(key, body, null);
    }

    /** {@code peerIdentity}: who sent it, as its TLS certificate names it (null when local or unauthenticated). */
    static Sample sample(KeyExpr key, PushBody body, String peerIdentity) {
        if (body instanceof Put p) {
            return new Sample(key.toString(), SampleKind.PUT, p.payload(), p.encoding(), p.timestamp(), p.attachment(),
                    peerIdentity);
        }
        return new Sample(key.toString(), SampleKind.DELETE, null, null, body.timestamp(), body.attachment(),
                peerIdentity);
    }

    static void deliver(LocalEntities.Subscriber s, Sample sample) {
        try {
            s.callback().accept(sample);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "subscriber on " + s.key() + " failed", e);
        }
    }
}
