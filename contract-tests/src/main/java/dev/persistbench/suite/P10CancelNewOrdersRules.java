package dev.persistbench.suite;

/** Rules of P10CancelNewOrders: to be written. */
public interface P10CancelNewOrdersRules extends ContractFixture {}
