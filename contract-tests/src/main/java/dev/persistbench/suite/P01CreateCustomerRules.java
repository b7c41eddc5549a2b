package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.testkit.db.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P01: creating a customer. */
public interface P01CreateCustomerRules extends ContractFixture {

    @Test
    @DisplayName(
            "P01.1 returns the customer with a generated id, e-mail and name as given, and the database's creation instant")
    default void p01_1_createsCustomer() {
        Customer created = store().createCustomer(new NewCustomer("Mixed.Case@Example.COM", "Ada Lovelace"));
        assertThat(created.id()).isPositive();
        assertThat(created.email()).isEqualTo("Mixed.Case@Example.COM");
        assertThat(created.name()).isEqualTo("Ada Lovelace");
        assertThat(created.createdAt()).isNotNull();
        assertThat(data().queryString("SELECT email FROM customer WHERE id = ?", created.id()))
                .isEqualTo("Mixed.Case@Example.COM");
        assertThat(data().queryString(
                                "SELECT " + TestDatabase.customerNameColumn() + " FROM customer WHERE id = ?",
                                created.id()))
                .isEqualTo("Ada Lovelace");
        assertThat(data().queryInstant("SELECT created_at FROM customer WHERE id = ?", created.id()))
                .isEqualTo(created.createdAt());
        assertThat(data().count("customer")).isEqualTo(1);
    }

    @Test
    @DisplayName("P01.1 each customer gets its own id")
    default void p01_1_idsAreDistinct() {
        Customer first = data().customer();
        Customer second = data().customer();
        Customer third = data().customer();
        assertThat(first.id()).isNotEqualTo(second.id()).isNotEqualTo(third.id());
        assertThat(second.id()).isNotEqualTo(third.id());
        assertThat(data().count("customer")).isEqualTo(3);
    }

    @Test
    @DisplayName("P01.2 the same e-mail again is a DuplicateKeyException and no second row")
    default void p01_2_duplicateEmail() {
        Customer first = store().createCustomer(new NewCustomer("dup@example.com", "First"));
        Attempt again = attempt(() -> store().createCustomer(new NewCustomer("dup@example.com", "Second")));
        assertThat(again.thrown()).isInstanceOf(DuplicateKeyException.class);
        assertThat(((DuplicateKeyException) again.thrown()).constraint())
                .as("the index named by the server error's fields")
                .isEqualTo("customer_email_lower_uq");
        assertThat(data().count("customer")).isEqualTo(1);
        assertThat(store().findCustomer(first.id())).contains(first);
    }

    @Test
    @DisplayName("P01.2 an e-mail differing only in case is a DuplicateKeyException and no second row")
    default void p01_2_duplicateEmailInAnotherCase() {
        Customer first = store().createCustomer(new NewCustomer("Grace.Hopper@Example.com", "Grace"));
        Attempt upper = attempt(() -> store().createCustomer(new NewCustomer("GRACE.HOPPER@EXAMPLE.COM", "Upper")));
        assertThat(upper.thrown()).isInstanceOf(DuplicateKeyException.class);
        Attempt lower = attempt(() -> store().createCustomer(new NewCustomer("grace.hopper@example.com", "Lower")));
        assertThat(lower.thrown()).isInstanceOf(DuplicateKeyException.class);
        assertThat(data().count("customer")).isEqualTo(1);
        assertThat(data().queryString("SELECT " + TestDatabase.customerNameColumn() + " FROM customer"))
                .isEqualTo("Grace");
        assertThat(store().findCustomer(first.id())).contains(first);
    }

    @Test
    @DisplayName("P01.2 after a duplicate the repository creates other customers normally")
    default void p01_2_worksAfterDuplicate() {
        store().createCustomer(new NewCustomer("taken@example.com", "Taken"));
        Attempt again = attempt(() -> store().createCustomer(new NewCustomer("Taken@example.com", "Again")));
        assertThat(again.thrown()).isInstanceOf(DuplicateKeyException.class);
        Customer next = store().createCustomer(new NewCustomer("free@example.com", "Free"));
        assertThat(store().findCustomer(next.id())).contains(next);
        assertThat(data().count("customer")).isEqualTo(2);
    }
}
