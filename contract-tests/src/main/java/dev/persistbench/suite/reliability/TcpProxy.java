package dev.persistbench.suite.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small TCP relay on 127.0.0.1 between a pool and PostgreSQL that can cut the network: stop
 * forwarding in both directions (a black hole: the peer sees silence, not a reset), lose only
 * the server's answers (a commit that arrives but whose reply never comes back), or close every
 * connection at once. Bytes that are not forwarded are discarded; when either side closes, the
 * relay closes the other, so a backend whose client gave up sees its connection end and rolls
 * back.
 */
final class TcpProxy implements AutoCloseable {

    /** What the relay does with the bytes it reads. */
    enum Mode {
        /** Forward both ways. */
        FORWARD,
        /** Forward nothing either way. */
        BLACK_HOLE,
        /** Forward client to server, drop server to client. */
        LOSE_REPLIES
    }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FORWARD;
    private volatile boolean closed;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * The JDBC URL {@code url} with its host and port replaced by this relay's, e.g.
     * {@code jdbc:postgresql://localhost:5432/postgres} to {@code jdbc:postgresql://127.0.0.1:<port>/postgres}.
     */
    String rewrite(String url) {
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Closes every relayed connection (both sides) at once; new connections are still accepted. */
    void closeAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, false);
                pump(server, client, true);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[reliability] tcp proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean reply) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            Mode now = mode;
                            boolean forward = now == Mode.FORWARD || (now == Mode.LOSE_REPLIES && !reply);
                            if (forward) {
                                out.write(buffer, 0, n);
                                out.flush();
                            }
                        }
                    } catch (IOException e) {
                        // the connection ended one way or another; end the other side too
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "tcp-proxy-" + (reply ? "reply" : "request"));
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        closeAll();
    }
}
