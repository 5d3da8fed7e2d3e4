package io.lockstep.c2.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * A one-connection TCP proxy on loopback that can freeze: after {@link #freeze()} it forwards nothing in
 * either direction but keeps both sockets open, like a node that hung or a network that silently dropped
 * the path. It keeps reading (and discarding) what the server sends, so it notices when the server closes.
 */
public final class FreezingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private volatile boolean frozen;
    private volatile Socket client;
    private volatile Socket server;
    private final CompletableFuture<Void> serverClosed = new CompletableFuture<>();
    private final Thread acceptor;
    private final java.util.concurrent.atomic.AtomicLong fromServer = new java.util.concurrent.atomic.AtomicLong();

    public FreezingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "freezing-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void freeze() {
        frozen = true;
    }

    /** Bytes the server has sent so far (forwarded or not). */
    public long bytesFromServer() {
        return fromServer.get();
    }

    /** Completes when the server side closed the proxied connection. */
    public CompletableFuture<Void> serverClosed() {
        return serverClosed;
    }

    private void accept() {
        try {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            Thread up = new Thread(() -> pump(client, server, false), "freezing-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(server, client, true);
        } catch (IOException e) {
            serverClosed.complete(null);
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (fromServer) {
                    this.fromServer.addAndGet(n);
                }
                if (!frozen) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the other side went away; fall through
        } finally {
            if (fromServer) {
                serverClosed.complete(null);
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : new Socket[] {client, server}) {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
