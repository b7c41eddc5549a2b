package dev.persistbench.suite;

import dev.persistbench.suite.reliability.ConcurrencyRules;
import dev.persistbench.suite.reliability.FaultRules;
import dev.persistbench.suite.reliability.HostileInputRules;
import dev.persistbench.suite.reliability.MigrationRules;
import dev.persistbench.suite.reliability.ModelBasedRules;
import dev.persistbench.suite.reliability.SchemaDriftRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The contract suite. An implementation module adds one subclass that says how to build its
 * repository over a DataSource; every rule of the contract then runs against it.
 *
 * <p>The rules come in groups, one {@link Nested} class per pattern (P01 to P13), per general
 * rule family (V, G.1 to G.3, the edge cases) and per reliability rule (R1 to R6); each group
 * runs one rule interface, so the test tree reads like the specification and a method name need
 * only be unique inside its interface. The groups are inner classes: they share the repository
 * and database of the enclosing class.
 *
 * <p>The repository is built once per class (an ORM's bootstrap is not what these tests
 * measure) over the JVM's shared database ({@link ContractHarness}); every test starts from empty
 * tables and leaves them empty.
 */
public abstract class StoreRepositoryContract extends ContractHarness {

    @Nested
    @DisplayName("P01 createCustomer")
    class P01CreateCustomer extends Group implements P01CreateCustomerRules {}

    @Nested
    @DisplayName("P02 findCustomer")
    class P02FindCustomer extends Group implements P02FindCustomerRules {}

    @Nested
    @DisplayName("P03 createProducts")
    class P03CreateProducts extends Group implements P03CreateProductsRules {}

    @Nested
    @DisplayName("P04 findProductBySku")
    class P04FindProductBySku extends Group implements P04FindProductBySkuRules {}

    @Nested
    @DisplayName("P05 searchProducts")
    class P05SearchProducts extends Group implements P05SearchProductsRules {}

    @Nested
    @DisplayName("P06 placeOrder")
    class P06PlaceOrder extends Group implements P06PlaceOrderRules {}

    @Nested
    @DisplayName("P07 findOrder")
    class P07FindOrder extends Group implements P07FindOrderRules {}

    @Nested
    @DisplayName("P08 latestOrders")
    class P08LatestOrders extends Group implements P08LatestOrdersRules {}

    @Nested
    @DisplayName("P09 changeStatus")
    class P09ChangeStatus extends Group implements P09ChangeStatusRules {}

    @Nested
    @DisplayName("P10 cancelNewOrdersBefore")
    class P10CancelNewOrders extends Group implements P10CancelNewOrdersRules {}

    @Nested
    @DisplayName("P11 topCustomersByRevenue")
    class P11RevenueReport extends Group implements P11RevenueReportRules {}

    @Nested
    @DisplayName("P12 streamOrderLines")
    class P12StreamOrderLines extends Group implements P12StreamOrderLinesRules {}

    @Nested
    @DisplayName("P13 deleteOrder")
    class P13DeleteOrder extends Group implements P13DeleteOrderRules {}

    @Nested
    @DisplayName("Registration with the bench and the report")
    class Registration extends Group implements RegistrationRules {}

    @Nested
    @DisplayName("V.1-V.3 instants, money and text round-trip exactly")
    class Values extends Group implements ValueRules {}

    @Nested
    @DisplayName("G.2 bad arguments are refused before any SQL")
    class Arguments extends Group implements ArgumentRules {}

    @Nested
    @DisplayName("G.1 G.3 connections returned, failures translated")
    class General extends Group implements GeneralRules {}

    @Nested
    @DisplayName("G.1 one statement in auto-commit, several in one transaction")
    class Transactions extends Group implements TransactionRules {}

    @Nested
    @DisplayName("P04.3 P06.2 P08.3 V.4 cases the implementations once disagreed on")
    class EdgeCases extends Group implements EdgeCaseRules {}

    @Nested
    @DisplayName("R1 concurrency")
    class R1Concurrency extends Group implements ConcurrencyRules {}

    @Nested
    @DisplayName("R2 faults: killed backends, cut networks, time-outs")
    class R2Faults extends Group implements FaultRules {}

    @Nested
    @DisplayName("R3 hostile input")
    class R3HostileInput extends Group implements HostileInputRules {}

    @Nested
    @DisplayName("R4 model-based differential test")
    class R4ModelBased extends Group implements ModelBasedRules {}

    @Nested
    @DisplayName("R5 schema drift")
    class R5SchemaDrift extends Group implements SchemaDriftRules {}

    @Nested
    @DisplayName("R6 migrations")
    class R6Migration extends Group implements MigrationRules {}
}
