package dev.persistbench.suite;

/** Rules of Value: to be written. */
public interface ValueRules extends ContractFixture {}
