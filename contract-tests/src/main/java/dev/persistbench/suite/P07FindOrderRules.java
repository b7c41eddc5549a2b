package dev.persistbench.suite;

/** Rules of P07FindOrder: to be written. */
public interface P07FindOrderRules extends ContractFixture {}
