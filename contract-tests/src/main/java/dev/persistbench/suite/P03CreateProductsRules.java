package dev.persistbench.suite;

/** Rules of P03CreateProducts: to be written. */
public interface P03CreateProductsRules extends ContractFixture {}
