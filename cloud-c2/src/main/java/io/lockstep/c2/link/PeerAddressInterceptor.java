package io.lockstep.c2.link;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes the current call (and so the node's address) visible to the EdgeLink service for logging. */
@ApplicationScoped
@GlobalInterceptor
public class PeerAddressInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Context context = Context.current().withValue(PeerAddress.CurrentCall.KEY, call);
        return Contexts.interceptCall(context, call, headers, next);
    }
}
