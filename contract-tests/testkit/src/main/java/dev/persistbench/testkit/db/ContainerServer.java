package dev.persistbench.testkit.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A PostgreSQL in a Docker container, started by Testcontainers. */
final class ContainerServer implements PostgresServer {

    /** The pinned image. */
    public static final String IMAGE = "postgres:18.1";

    private final PostgreSQLContainer container;

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
    }

    /** Whether a Docker engine answers; Testcontainers needs one. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Whether Testcontainers is on the class path: the kit declares it optional (README.md). */
    static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static ContainerServer start() {
        if (!testcontainersPresent()) {
            throw new IllegalStateException(
                    "pb.db=testcontainers was requested, but Testcontainers is not on this class path (the test kit "
                            + "declares org.testcontainers:testcontainers-postgresql optional): add it to the module, "
                            + "or use pb.db=embedded (the default) or pb.db=external");
        }
        if (!dockerAvailable()) {
            throw new IllegalStateException(
                    "pb.db=testcontainers was requested, but Docker is not available on this machine: "
                            + "start a Docker engine, or use pb.db=embedded (the default) or pb.db=external");
        }
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        return new ContainerServer(container);
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "Testcontainers " + IMAGE + " at " + container.getJdbcUrl();
    }
}
