package io.lockstep.mesh.session;

import io.lockstep.mesh.keyexpr.KeyExpr;
import io.lockstep.mesh.message.payload.Err;
import io.lockstep.mesh.message.payload.PushBody;

/** Where a queryable's replies go: back over the transport the query came from, or to a local get. */
public interface ReplySink {
    void reply(KeyExpr key, PushBody body);

    void error(Err error);
}
