package dev.persistbench.bench.run;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.bench.Impl;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import java.util.Optional;

/**
 * The child JVM of the cold-start measurement: builds a pool and the implementation named by its
 * argument, reads one customer (P02) and prints the answer and the heap in use, then exits. The
 * parent times it from process start to that line. Connection settings come as system
 * properties ({@code pb.cold.*}; the password in the environment variable PB_COLD_PASSWORD).
 */
public final class ColdStartMain {

    /** The line prefix the parent waits for. */
    public static final String MARKER = "PB-COLDSTART";

    private ColdStartMain() {}

    public static void main(String[] args) {
        try {
            Impl impl = Impl.parse(args[0]);
            long customerId = Long.parseLong(System.getProperty("pb.cold.customer"));
            HikariConfig config = new HikariConfig();
            config.setPoolName("coldstart");
            config.setJdbcUrl(System.getProperty("pb.cold.url"));
            config.setUsername(System.getProperty("pb.cold.user"));
            String password = System.getenv("PB_COLD_PASSWORD");
            config.setPassword(password == null ? "" : password);
            int poolSize = Integer.parseInt(System.getProperty("pb.cold.poolSize", "10"));
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(poolSize);
            config.setAutoCommit(true);
            String prefix = "pb.cold.driver.";
            System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith(prefix))
                    .forEach(name ->
                            config.addDataSourceProperty(name.substring(prefix.length()), System.getProperty(name)));
            try (HikariDataSource pool = new HikariDataSource(config)) {
                StoreRepository repo = impl.create(pool);
                Optional<Customer> found = repo.findCustomer(customerId);
                // Answer first (the parent's clock stops at this line), then measure the heap.
                String email = found.map(Customer::email).orElse("<absent>");
                Runtime rt = Runtime.getRuntime();
                long used = rt.totalMemory() - rt.freeMemory();
                System.gc();
                long retained = rt.totalMemory() - rt.freeMemory();
                System.out.println(MARKER + " ok " + used + " " + retained + " " + email);
                System.out.flush();
                repo.close();
            }
            System.exit(0);
        } catch (Throwable e) {
            System.out.println(MARKER + " error " + String.valueOf(e).replace('\n', ' '));
            e.printStackTrace();
            System.exit(1);
        }
    }
}
