package dev.persistbench.mybatis;

import java.time.Instant;

// tag::P01[]
/**
 * Parameter of {@code CustomerMapper.insert}: the values to insert, and the id and creation
 * instant that MyBatis writes back from the generated keys.
 */
final class CustomerInsert {
    final String email;
    final String name;
    Long id;
    Instant createdAt;

    CustomerInsert(String email, String name) {
        this.email = email;
        this.name = name;
    }
}
// end::P01[]
