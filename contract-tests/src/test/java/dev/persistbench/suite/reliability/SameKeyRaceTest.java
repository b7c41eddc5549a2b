package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R1.2's engine against the reference model (one order per key), and against a store that fails. */
class SameKeyRaceTest {

    @Test
    void everyCallerOfARoundGetsTheOneOrderOfItsKey() throws Exception {
        StoreRepository store = StatusChangeRaceTest.lockedModel();
        Customer buyer = store.createCustomer(new NewCustomer("same-key@example.com", "Twin"));
        Product product = store.createProducts(
                        List.of(new NewProduct("KEYED", "Keyed", new BigDecimal("1.00"), 100, Map.of())))
                .get(0);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        SameKeyRace.Result race = new SameKeyRace(store)
                .run(
                        round -> PlaceOrder.of(buyer.id(), at, List.of(new OrderLineRequest(product.id(), 1)))
                                .withIdempotencyKey("key-" + round),
                        4,
                        5);

        assertThat(race.callerFailures()).isZero();
        assertThat(race.disagreements()).isEmpty();
        assertThat(store.findProductBySku("KEYED").orElseThrow().stock()).isEqualTo(95);
    }

    @Test
    void aCallerThatFailsIsCountedAndNamed() throws Exception {
        StoreRepository store = StatusChangeRaceTest.lockedModel();
        // No such customer: every call fails.
        SameKeyRace.Result race = new SameKeyRace(store)
                .run(
                        round -> PlaceOrder.of(
                                        999, Instant.parse("2026-01-01T00:00:00Z"), List.of(new OrderLineRequest(1, 1)))
                                .withIdempotencyKey("key-" + round),
                        2,
                        1);

        assertThat(race.callerFailures()).isEqualTo(2);
        assertThat(race.disagreements()).hasSize(2).allMatch(d -> d.startsWith("round 0: a caller got "));
    }
}
