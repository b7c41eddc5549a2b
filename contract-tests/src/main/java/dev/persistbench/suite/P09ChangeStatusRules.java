package dev.persistbench.suite;

/** Rules of P09ChangeStatus: to be written. */
public interface P09ChangeStatusRules extends ContractFixture {}
