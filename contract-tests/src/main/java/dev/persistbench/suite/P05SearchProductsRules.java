package dev.persistbench.suite;

/** Rules of P05SearchProducts: to be written. */
public interface P05SearchProductsRules extends ContractFixture {}
