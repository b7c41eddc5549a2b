package dev.persistbench.suite;

/** Rules of P04FindProductBySku: to be written. */
public interface P04FindProductBySkuRules extends ContractFixture {}
