package io.lockstep.mesh.transport;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/** Opens the link of an endpoint: plain TCP for {@code tcp/}, mutual TLS over TCP for {@code tls/}. */
public final class Links {

    private Links() {
    }

    /** Connects to {@code endpoint}; a {@code tls/} endpoint completes its TLS handshake within {@code timeoutMillis}. */
    public static TcpLink connect(Endpoint endpoint, TlsSettings tls, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(endpoint.socketAddress(), timeoutMillis);
            return over(socket, endpoint, tls, true, timeoutMillis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The link over an accepted or connected socket: a {@code tls/} endpoint first runs the TLS handshake (client or
     * server side), requiring the peer's certificate either way.
     */
    public static TcpLink over(Socket socket, Endpoint endpoint, TlsSettings tls, boolean client, int timeoutMillis)
            throws IOException {
        if (!endpoint.isTls()) {
            return new TcpLink(socket);
        }
        if (tls == null) {
            throw new IOException("endpoint " + endpoint + " needs TLS settings (certificate, key, root CA)");
        }
        SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(socket,
                endpoint.host(), endpoint.port(), true);
        ssl.setUseClientMode(client);
        if (!client) {
            ssl.setNeedClientAuth(true);
        }
        ssl.setSoTimeout(timeoutMillis);
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        return new TcpLink(ssl);
    }
}
