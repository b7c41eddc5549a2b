package dev.persistbench.hibernate;

import dev.persistbench.contract.model.Customer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Generated;

// tag::mapping[]
/** A row of {@code customer}. Never updated by the contract, so it carries no version. */
@Entity(name = "Customer")
@Table(name = "customer")
class CustomerEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "email", nullable = false, length = 320)
    private String email;

    @Column(name = "name", nullable = false, length = 10_000)
    private String name;

    // The column default now() sets it; @Generated reads it back in the INSERT's RETURNING clause.
    @Generated
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected CustomerEntity() {}

    CustomerEntity(String email, String name) {
        this.email = email;
        this.name = name;
    }

    Long getId() {
        return id;
    }

    Customer toRecord() {
        return new Customer(id, email, name, createdAt);
    }
}
// end::mapping[]
