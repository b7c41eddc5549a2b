package dev.persistbench.jooq.codegen;

import dev.persistbench.testkit.db.DatabaseMode;
import dev.persistbench.testkit.db.PostgresServer;
import dev.persistbench.testkit.db.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;

/**
 * Generates impl-jooq's table and record classes from the real schema: starts the embedded
 * PostgreSQL, lets the test kit create a schema with a random name and migrate it with the schema
 * module's Flyway migrations, runs jOOQ's {@link GenerationTool} against that schema and stops
 * the server.
 *
 * <p>Maven's exec plugin launches this file as a single-file source program (no compile step of
 * its own) during generate-sources, with the module's test class path.
 *
 * <p>Arguments: the codegen XML configuration, then the output directory.
 */
public final class GenerateJooqClasses {

    private GenerateJooqClasses() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateJooqClasses <jooq-codegen.xml> <output directory>");
        }
        Path configFile = Path.of(args[0]);
        Path output = Path.of(args[1]);

        Configuration configuration;
        try (InputStream in = Files.newInputStream(configFile)) {
            configuration = GenerationTool.load(in);
        }

        // Always embedded: generation must not depend on a server someone else runs.
        try (TestDatabase database = TestDatabase.start(DatabaseMode.EMBEDDED)) {
            PostgresServer server = database.server();
            configuration.setJdbc(new Jdbc()
                    .withDriver("org.postgresql.Driver")
                    .withUrl(server.jdbcUrl())
                    .withUser(server.user())
                    .withPassword(server.password()));
            var schemata = configuration.getGenerator().getDatabase().getSchemata();
            if (schemata.size() != 1) {
                throw new IllegalStateException(configFile + " must declare exactly one <schema>");
            }
            SchemaMappingType schema = schemata.get(0);
            schema.setInputSchema(database.schema());
            configuration.getGenerator().getTarget().setDirectory(output.toString());
            configuration.getGenerator().getTarget().setClean(true);

            System.out.println("jOOQ codegen: schema " + database.schema() + " on " + server + " -> " + output);
            GenerationTool.generate(configuration);
        }
    }
}
