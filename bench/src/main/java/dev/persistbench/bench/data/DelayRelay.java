package dev.persistbench.bench.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback that makes the database a network hop away: every byte is forwarded
 * after half the configured round-trip time, in each direction, so a request and its answer pay the
 * whole round trip once, and a pipelined batch pays it once, not per statement (as a real link with
 * that latency and ample bandwidth). Order is kept per direction; a reader never waits for the
 * delay of earlier data, it only queues it.
 *
 * <p>Per connection two platform threads per direction (reader and delayed writer): the relay
 * serves the bench's pool, a handful of connections. Delays are kept by parking and then spinning
 * the last {@value #SPIN_NANOS} ns; the SELECT 1 probe recorded beside every slice shows the round
 * trip the arms really had.
 */
public final class DelayRelay implements AutoCloseable {

    /**
     * The last stretch of every delay is spun, not parked: Linux wakes a parked thread up to its
     * timer slack (50 µs by default) late, which would add up to 0.1 ms per round trip.
     */
    static final long SPIN_NANOS = 80_000;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    /**
     * Starts a relay to {@code targetHost:targetPort} adding {@code roundTripMicros} per round trip.
     *
     * @throws IllegalArgumentException when the delay is negative
     */
    public DelayRelay(String targetHost, int targetPort, int roundTripMicros) {
        if (roundTripMicros < 0) {
            throw new IllegalArgumentException(
                    "a round-trip delay must not be negative, was " + roundTripMicros + " µs");
        }
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.oneWayNanos = roundTripMicros * 1_000L / 2;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the delay relay's port", e);
        }
        Thread acceptor = new Thread(this::accept, "delay-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The loopback port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 10_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[bench] delay relay: " + e.getMessage());
                }
            }
        }
    }

    private record Chunk(long dueNanos, byte[] bytes) {}

    private static final Chunk END = new Chunk(0, new byte[0]);

    private void pump(Socket from, Socket to, String direction) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            queue.add(new Chunk(System.nanoTime() + oneWayNanos, Arrays.copyOf(buffer, n)));
                        }
                    } catch (IOException e) {
                        // the socket closed: end the writer
                    }
                    queue.add(END);
                },
                "delay-relay-" + direction + "-read");
        Thread writer = new Thread(
                () -> {
                    try {
                        for (Chunk c = queue.take(); c != END; c = queue.take()) {
                            long wait;
                            while ((wait = c.dueNanos() - System.nanoTime()) > 0) {
                                if (wait > SPIN_NANOS) {
                                    LockSupport.parkNanos(wait - SPIN_NANOS);
                                } else {
                                    Thread.onSpinWait();
                                }
                            }
                            out.write(c.bytes());
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // the other side closed
                    } finally {
                        closeQuietly(to);
                        closeQuietly(from);
                    }
                },
                "delay-relay-" + direction + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        synchronized (sockets) {
            sockets.forEach(DelayRelay::closeQuietly);
            sockets.clear();
        }
    }

    /** Closes a socket (or the listener) that may already be closed by the other side. */
    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed: nothing left to release
        }
    }
}
