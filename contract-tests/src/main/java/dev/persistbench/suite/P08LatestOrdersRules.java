package dev.persistbench.suite;

/** Rules of P08LatestOrders: to be written. */
public interface P08LatestOrdersRules extends ContractFixture {}
