package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay the network-fault rule uses, against a local echo server. */
class TcpProxyTest {

    private ServerSocket echo;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket();
        echo.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread worker = new Thread(() -> {
                        try (s;
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // client gone
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    private static int roundTrip(Socket s, int value) throws IOException {
        s.getOutputStream().write(value);
        s.getOutputStream().flush();
        return s.getInputStream().read();
    }

    @Test
    void forwardsThenBlackHolesThenClosesConnections() throws IOException {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", echo.getLocalPort());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setSoTimeout(300);
            assertThat(roundTrip(client, 7)).isEqualTo(7);

            proxy.mode(TcpProxy.Mode.BLACK_HOLE);
            assertThatThrownBy(() -> roundTrip(client, 8)).isInstanceOf(SocketTimeoutException.class);

            proxy.mode(TcpProxy.Mode.FORWARD);
            proxy.closeAll();
            // The relay closed its ends: the client sees end of stream (-1) or a reset.
            int after;
            try {
                after = roundTrip(client, 9);
            } catch (IOException e) {
                after = -1;
            }
            assertThat(after).isEqualTo(-1);
        }
    }

    @Test
    void losesOnlyReplies() throws IOException {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", echo.getLocalPort());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setSoTimeout(300);
            proxy.mode(TcpProxy.Mode.LOSE_REPLIES);
            assertThatThrownBy(() -> roundTrip(client, 1)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void rewritesHostAndPortOfAJdbcUrl() throws IOException {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", echo.getLocalPort())) {
            assertThat(proxy.rewrite("jdbc:postgresql://localhost:5432/postgres?user=postgres"))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?user=postgres");
        }
    }
}
