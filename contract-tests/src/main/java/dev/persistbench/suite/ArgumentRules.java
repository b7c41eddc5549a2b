package dev.persistbench.suite;

/** Rules of Argument: to be written. */
public interface ArgumentRules extends ContractFixture {}
