package io.lockstep.c2.link;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.ServerCall;
import java.net.SocketAddress;

/** The remote address of the current gRPC call, for log messages. */
final class PeerAddress {

    private PeerAddress() {
    }

    static String current() {
        ServerCall<?, ?> call = CurrentCall.KEY.get();
        if (call == null) {
            return "unknown peer";
        }
        SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return address == null ? "unknown peer" : address.toString();
    }

    /** Holds the ServerCall in the gRPC context; filled by {@link PeerAddressInterceptor}. */
    static final class CurrentCall {
        static final Context.Key<ServerCall<?, ?>> KEY = Context.key("lockstep-server-call");

        private CurrentCall() {
        }
    }
}
