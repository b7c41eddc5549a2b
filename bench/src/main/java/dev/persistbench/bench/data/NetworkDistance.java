package dev.persistbench.bench.data;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.testkit.db.TestDatabase;
import java.net.InetSocketAddress;
import javax.sql.DataSource;

/**
 * The pool a pattern's arms use: the test kit's own pool when no distance is asked for, otherwise
 * the kit's pool of the same size and pgjdbc settings whose connections go through a {@link
 * DelayRelay} adding {@code rttMicros} to every round trip ({@link TestDatabase#newDataSourceVia}).
 */
public final class NetworkDistance implements AutoCloseable {

    private final DataSource dataSource;
    private final DelayRelay relay;

    private NetworkDistance(DataSource dataSource, DelayRelay relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    /** The arms' pool over {@code database}, {@code rttMicros} away (0: the kit's pool itself). */
    public static NetworkDistance open(TestDatabase database, int rttMicros) {
        if (rttMicros < 0) {
            throw new IllegalArgumentException("rttMicros must not be negative, was " + rttMicros);
        }
        if (rttMicros == 0) {
            return new NetworkDistance(database.dataSource(), null);
        }
        InetSocketAddress server = database.serverAddress();
        DelayRelay relay = new DelayRelay(server.getHostString(), server.getPort(), rttMicros);
        DataSource pool = database.newDataSourceVia(
                "bench-rtt-" + rttMicros, InetSocketAddress.createUnresolved("127.0.0.1", relay.port()));
        return new NetworkDistance(pool, relay);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (relay == null) {
            return; // the kit's own pool: the kit closes it
        }
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
        relay.close();
    }
}
