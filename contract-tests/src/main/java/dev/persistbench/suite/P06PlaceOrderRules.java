package dev.persistbench.suite;

/** Rules of P06PlaceOrder: to be written. */
public interface P06PlaceOrderRules extends ContractFixture {}
