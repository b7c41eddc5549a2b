package dev.persistbench.suite;

/** Rules of P12StreamOrderLines: to be written. */
public interface P12StreamOrderLinesRules extends ContractFixture {}
