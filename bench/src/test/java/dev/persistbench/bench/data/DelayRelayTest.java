package dev.persistbench.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The relay against an echo server: bytes arrive whole and in order, and a round trip can never be
 * shorter than the delay asked for (a lower bound the relay guarantees, not a timing threshold).
 */
class DelayRelayTest {

    /** Echoes every byte back until the client closes. */
    private static ServerSocket echo() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    @DisplayName("a pipelined stream crosses the relay unchanged, and each request-answer pays the whole round trip")
    void relays() throws Exception {
        try (ServerSocket server = echo();
                DelayRelay relay = new DelayRelay("127.0.0.1", server.getLocalPort(), 20_000);
                Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            OutputStream out = client.getOutputStream();
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] sent = new byte[300_000];
            new Random(1).nextBytes(sent);
            long start = System.nanoTime();
            out.write(sent);
            out.flush();
            byte[] back = new byte[sent.length];
            in.readFully(back);
            long pipelined = System.nanoTime() - start;
            assertThat(back).isEqualTo(sent);

            long shortest = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                out.write(i);
                out.flush();
                assertThat(in.read()).isEqualTo(i);
                shortest = Math.min(shortest, System.nanoTime() - t);
            }
            assertThat(shortest).as("one request and its answer").isGreaterThanOrEqualTo(20_000_000L);
            // 300 KB in chunks of at most 64 KB pays the delay once per chunk in flight, not once per chunk in turn.
            assertThat(pipelined).as("a pipelined stream").isGreaterThanOrEqualTo(20_000_000L);
        }
    }

    @Test
    @DisplayName("closing the relay ends its connections; a negative delay is refused naming the value")
    void closes() throws Exception {
        assertThatThrownBy(() -> new DelayRelay("127.0.0.1", 1, -5)).hasMessageContaining("-5");
        try (ServerSocket server = echo()) {
            DelayRelay relay = new DelayRelay("127.0.0.1", server.getLocalPort(), 1_000);
            Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port());
            client.getOutputStream().write(7);
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo(7);
            relay.close();
            client.setSoTimeout(5_000);
            assertThat(in.read()).as("end of stream after close").isEqualTo(-1);
            client.close();
        }
    }
}
