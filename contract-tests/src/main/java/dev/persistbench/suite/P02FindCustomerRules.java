package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Customer;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P02: finding a customer by id. */
public interface P02FindCustomerRules extends ContractFixture {

    @Test
    @DisplayName("P02.1 returns exactly what createCustomer returned")
    default void p02_1_findsCreatedCustomer() {
        Customer first = data().customer("First");
        Customer second = data().customer("Second");
        assertThat(store().findCustomer(first.id())).contains(first);
        assertThat(store().findCustomer(second.id())).contains(second);
    }

    @Test
    @DisplayName(
            "P02.2 an id that does not exist (zero, negative, huge) gives an empty Optional, never null or an exception")
    default void p02_2_absentCustomer() {
        Customer existing = data().customer();
        for (long id : new long[] {existing.id() + 1000, 0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            Optional<Customer> found = store().findCustomer(id);
            assertThat(found).as("customer %d", id).isNotNull().isEmpty();
        }
    }
}
