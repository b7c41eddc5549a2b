package dev.persistbench.testkit.db;

/** A server given by the environment; this project only ever works inside a schema it created itself there. */
record ExternalServer(String jdbcUrl, String user, String password) implements PostgresServer {

    static ExternalServer fromEnvironment() {
        String why = "pb.db=external needs a server";
        String url = Settings.require("pb.jdbc.url", "PB_JDBC_URL", why);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("PB_JDBC_URL must start with jdbc:postgresql:, was '" + url + "'");
        }
        String user = Settings.require("pb.db.user", "PB_DB_USER", why);
        String password = Settings.get("pb.db.password", "PB_DB_PASSWORD");
        return new ExternalServer(url, user, password == null ? "" : password);
    }

    @Override
    public void close() {
        // not ours to stop
    }

    @Override
    public String toString() {
        return "external PostgreSQL at " + jdbcUrl + " as " + user; // never the password
    }
}
