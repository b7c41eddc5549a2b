package dev.persistbench.testkit.sql;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.SocketFactory;

/**
 * Counts round trips to the server as the client sees them: every time a connection reads after
 * it has written, the client waited for an answer once. pgjdbc does its I/O on the calling
 * thread, so the count is kept per thread, and only while that thread {@linkplain #start()
 * counts}: other threads (a pool's housekeeping) and uncounted work cost one volatile read per
 * round trip.
 *
 * <p>Plugged under pgjdbc with its {@code socketFactory} connection property (see
 * {@link #DRIVER_PROPERTY}), so it sees the bytes every library sends, whatever the library.
 */
public final class RoundTrips {

    /** The pgjdbc property that puts the counting socket under a connection ... */
    public static final String DRIVER_PROPERTY = "socketFactory";
    /** ... and its value. */
    public static final String FACTORY = CountingSocketFactory.class.getName();

    private static final AtomicInteger COUNTING_THREADS = new AtomicInteger();
    private static final ThreadLocal<long[]> COUNT = new ThreadLocal<>();

    private RoundTrips() {}

    /**
     * Starts counting this thread's round trips; the returned supplier gives the count so far.
     * Call {@link #stop()} on the same thread when done.
     */
    public static LongSupplier start() {
        long[] counter = new long[1];
        if (COUNT.get() == null) {
            COUNTING_THREADS.incrementAndGet();
        }
        COUNT.set(counter);
        return () -> counter[0];
    }

    /** Stops counting on this thread. */
    public static void stop() {
        if (COUNT.get() != null) {
            COUNT.remove();
            COUNTING_THREADS.decrementAndGet();
        }
    }

    static void roundTrip() {
        if (COUNTING_THREADS.get() == 0) {
            return;
        }
        long[] counter = COUNT.get();
        if (counter != null) {
            counter[0]++;
        }
    }

    /**
     * The socket factory pgjdbc instantiates by class name ({@code socketFactory=} this class):
     * plain TCP sockets whose streams report round trips.
     */
    public static final class CountingSocketFactory extends SocketFactory {
        public CountingSocketFactory() {}

        @Override
        public Socket createSocket() {
            return new CountingSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(null, new java.net.InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(
                    new java.net.InetSocketAddress(localHost, localPort), new java.net.InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(null, new java.net.InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(
                    new java.net.InetSocketAddress(localAddress, localPort),
                    new java.net.InetSocketAddress(address, port));
        }

        /** A counting socket bound to {@code local} (when given) and connected to {@code remote}. */
        private Socket connected(java.net.SocketAddress local, java.net.SocketAddress remote) throws IOException {
            Socket s = createSocket();
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        }
    }

    /** A socket that remembers whether it wrote since it last read. */
    private static final class CountingSocket extends Socket {
        private volatile boolean wrote;
        private InputStream countedIn;
        private OutputStream countedOut;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (countedIn == null) {
                countedIn = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        answered();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        answered();
                        return super.read(b, off, len);
                    }
                };
            }
            return countedIn;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (countedOut == null) {
                OutputStream raw = super.getOutputStream();
                countedOut = new FilterOutputStream(raw) {
                    @Override
                    public void write(int b) throws IOException {
                        wrote = true;
                        raw.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        wrote = true;
                        raw.write(b, off, len);
                    }
                };
            }
            return countedOut;
        }

        private void answered() {
            if (wrote) {
                wrote = false;
                roundTrip();
            }
        }
    }
}
