package dev.persistbench.suite.reliability;

import dev.persistbench.testkit.db.TestDatabase;
import java.util.List;

/** The drifts measured; BASELINE is the undrifted schema, the control that the scratch set-up itself works. */
public enum SchemaDrift {
    BASELINE("no change (control)", List.of()),
    RENAMED_COLUMN("product.name renamed to title", List.of("ALTER TABLE product RENAME COLUMN name TO title")),
    NARROWED_TEXT(
            "customer." + TestDatabase.customerNameColumn() + " narrowed from varchar(10000) to varchar(40)",
            List.of("ALTER TABLE customer ALTER COLUMN " + TestDatabase.customerNameColumn() + " TYPE varchar(40)")),
    NARROWED_SCALE(
            "product.price narrowed from numeric(12,2) to numeric(12,0)",
            List.of("ALTER TABLE product ALTER COLUMN price TYPE numeric(12, 0)")),
    NEW_NOT_NULL_COLUMN(
            "customer.tier added, NOT NULL without default",
            List.of("ALTER TABLE customer ADD COLUMN tier text NOT NULL")),
    DROPPED_UNIQUE("unique index on lower(customer.email) dropped", List.of("DROP INDEX customer_email_lower_uq"));

    final String description;
    final List<String> ddl;

    SchemaDrift(String description, List<String> ddl) {
        this.description = description;
        this.ddl = ddl;
    }
}
