package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.suite.reliability.StatusChangeRace.Change;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** R1.1's engine run against the reference model (made thread-safe by one lock), and its verdicts on made-up histories. */
class StatusChangeRaceTest {

    /** The reference model behind one lock: a correct implementation the race must find nothing wrong with. */
    static StoreRepository lockedModel() {
        ReferenceStore model = new ReferenceStore();
        return (StoreRepository) Proxy.newProxyInstance(
                StoreRepository.class.getClassLoader(), new Class<?>[] {StoreRepository.class}, (proxy, m, args) -> {
                    synchronized (model) {
                        try {
                            return m.invoke(model, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @Test
    void aCorrectStoreLosesNoUpdateAndEveryCallIsCounted() throws Exception {
        StoreRepository store = lockedModel();
        Customer buyer = store.createCustomer(new NewCustomer("race@example.com", "Racer"));
        Product product = store.createProducts(
                        List.of(new NewProduct("RACE", "Raced", new BigDecimal("1.00"), 1_000, Map.of())))
                .get(0);
        List<Long> orders = IntStream.range(0, 300)
                .mapToObj(i -> store.placeOrder(PlaceOrder.of(
                                buyer.id(),
                                Instant.parse("2026-01-01T00:00:00Z"),
                                List.of(new OrderLineRequest(product.id(), 1))))
                        .id())
                .toList();

        StatusChangeRace.Result race = new StatusChangeRace(store, orders, 4).run(4, 50, 17);

        assertThat(race.unexpected()).isEmpty();
        assertThat(race.applied() + race.stale()).isEqualTo(4 * 50);
        race.successes().forEach((id, changes) -> {
            var now = store.findOrder(id).orElseThrow();
            assertThat(StatusChangeRace.lostUpdates(changes, now.version())).isZero();
            assertThat(now.status()).isEqualTo(StatusChangeRace.lastStatus(changes));
        });
    }

    @Test
    void aVersionGrantedTwiceOrAFinalVersionBehindTheChangesIsALostUpdate() {
        List<Change> clean = List.of(new Change(2, OrderStatus.SHIPPED), new Change(1, OrderStatus.PAID));
        assertThat(StatusChangeRace.lostUpdates(clean, 2)).isZero();
        assertThat(StatusChangeRace.lastStatus(clean)).isEqualTo(OrderStatus.SHIPPED);

        List<Change> twice = List.of(new Change(1, OrderStatus.PAID), new Change(1, OrderStatus.CANCELLED));
        assertThat(StatusChangeRace.lostUpdates(twice, 1)).isEqualTo(2);
        assertThat(StatusChangeRace.lostUpdates(clean, 1)).isEqualTo(1);
    }
}
