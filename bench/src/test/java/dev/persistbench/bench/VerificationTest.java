package dev.persistbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.bench.check.WrongAnswerException;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.bench.run.Verification;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verification pass on the embedded database: one pattern, the Spring JDBC implementation
 * and the floor; and a wrong answer is caught before any timing.
 */
class VerificationTest {

    private static final int SIZE = 200;

    @Test
    void p07IsVerifiedAndItsStatementsCounted() {
        TestDatabase db = TestDatabase.shared();
        Verification.Outcome jdbc = Verification.verify(Impl.parse("jdbc"), List.of("P07"), db, SIZE);
        assertThat(jdbc.failures()).isEmpty();
        assertThat(jdbc.statements()).singleElement().satisfies(s -> {
            assertThat(s.pattern()).isEqualTo("P07");
            assertThat(s.impl()).isEqualTo("jdbc");
            assertThat(s.verified()).isTrue();
            // P07.2: one statement, so auto-commit and one round trip; the server agrees.
            assertThat(s.statementsPerOp()).isEqualTo(1);
            assertThat(s.sql()).singleElement().satisfies(sql -> assertThat(sql).containsIgnoringCase("select"));
            assertThat(s.roundTrips()).isEqualTo(1);
            assertThat(s.transactions()).isZero();
            assertThat(s.serverStatements()).isEqualTo(1);
            assertThat(s.serverBegins()).isZero();
            assertThat(s.shape()).isEqualTo("1 statement: join");
        });
        // In the implementation's own order, which the report's settings table keeps.
        assertThat(jdbc.settings().sequencedKeySet())
                .startsWith("library", "api", "transactions", "isolation", "fetchSize");

        Verification.Outcome floor = Verification.verify(Arm.FLOOR, List.of("P07", "P06"), db, SIZE);
        assertThat(floor.failures()).isEmpty();
        assertThat(floor.statements()).hasSize(2).first().satisfies(s -> {
            assertThat(s.pattern()).isEqualTo("P06");
            assertThat(s.transactions()).as("P06 runs in one transaction").isEqualTo(1);
            assertThat(s.shape()).startsWith(s.statementsPerOp() + " statements in a transaction");
            assertThat(s.serverBegins()).isEqualTo(1);
            assertThat(s.roundTrips()).isGreaterThan(s.statementsPerOp());
        });
        assertThat(floor.statements().get(1)).satisfies(s -> {
            assertThat(s.impl()).isEqualTo("raw-jdbc");
            assertThat(s.statementsPerOp()).isEqualTo(1);
            assertThat(s.roundTrips()).isEqualTo(1);
        });
    }

    @Test
    void aWrongAnswerStopsTheBenchmarkBeforeTiming() throws Exception {
        TestDatabase db = TestDatabase.shared();
        Dataset data = Dataset.of(SIZE);
        data.load(db);
        // Corrupt the stored row the check reads: the implementation now answers differently from the data set.
        Customer probed = data.customer(data.customerCount() / 2 + 1);
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE customer SET name = 'Someone else' WHERE id = " + probed.id());
        }
        P02FindCustomerBenchmark.Fixture state = new P02FindCustomerBenchmark.Fixture();
        state.arm = Arm.of(Impl.parse("jdbc"));
        state.dataSize = SIZE;
        state.open(db, Impl.parse("jdbc").create(db.dataSource()), true, 0);
        try {
            assertThatThrownBy(state::check)
                    .isInstanceOf(WrongAnswerException.class)
                    .hasMessageContaining("P02 jdbc")
                    .hasMessageContaining("Someone else")
                    .hasMessageContaining(probed.name());
        } finally {
            state.close();
        }
    }

    @Test
    void theDataSetIsWhatItsFormulasSay() {
        Dataset data = Dataset.of(SIZE);
        assertThat(data.orderCount()).isEqualTo(2 * SIZE);
        assertThat(data.latestOrders(1, 10))
                .hasSize(10)
                .isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
        assertThat(data.order(5).lines()).hasSize(Dataset.LINES_PER_ORDER);
        assertThat(data.order(5).total())
                .isEqualByComparingTo(data.order(5).lines().stream()
                        .map(l -> l.unitPrice().multiply(java.math.BigDecimal.valueOf(l.quantity())))
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        for (long n = 0; n < 3 * SIZE; n++) {
            assertThat(Dataset.inStock(data.inStockProductIndex(n)))
                    .as("product index for n=%d", n)
                    .isTrue();
        }
    }
}
