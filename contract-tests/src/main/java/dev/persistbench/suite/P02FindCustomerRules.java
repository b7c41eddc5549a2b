package dev.persistbench.suite;

/** Rules of P02FindCustomer: to be written. */
public interface P02FindCustomerRules extends ContractFixture {}
