package dev.persistbench.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.suite.TestData;
import dev.persistbench.testkit.db.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the floor writes, read back as the server's own text rather than through pgjdbc's
 * conversions (which could hide a wrong value by converting it back the same wrong way).
 */
class RawJdbcFloorStorageTest {

    private TestDatabase database;
    private TestData data;

    @BeforeEach
    void open() {
        database = TestDatabase.shared();
        database.truncateAll();
        data = new TestData(new RawJdbcFloor(database.dataSource()), database);
    }

    @AfterEach
    void clean() {
        database.truncateAll();
    }

    @Test
    void v4_theFirstAndLastStorableInstantsAreStoredAsThemselves() {
        Customer customer = data.customer();
        List<OrderLineRequest> lines =
                List.of(new OrderLineRequest(data.product("1.00", 5).id(), 1));
        Map<java.time.Instant, String> expected = Map.of(
                Check.MIN_INSTANT, "0001-01-01 00:00:00.000000", Check.MAX_INSTANT, "9999-12-31 23:59:59.999999");
        expected.forEach((instant, text) -> {
            Order placed = data.store().placeOrder(PlaceOrder.of(customer.id(), instant, lines));
            assertThat(placed.createdAt()).isEqualTo(instant);
            assertThat(data.queryString(
                            "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
                                    + " FROM purchase_order WHERE id = ?",
                            placed.id()))
                    .as("created_at of an order placed at %s, printed by the server in UTC", instant)
                    .isEqualTo(text);
        });
    }
}
