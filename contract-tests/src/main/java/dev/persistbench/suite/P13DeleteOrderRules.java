package dev.persistbench.suite;

/** Rules of P13DeleteOrder: to be written. */
public interface P13DeleteOrderRules extends ContractFixture {}
