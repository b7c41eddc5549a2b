package dev.persistbench.suite;

/** Rules of P01CreateCustomer: to be written. */
public interface P01CreateCustomerRules extends ContractFixture {}
