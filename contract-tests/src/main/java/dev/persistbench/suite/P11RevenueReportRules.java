package dev.persistbench.suite;

/** Rules of P11RevenueReport: to be written. */
public interface P11RevenueReportRules extends ContractFixture {}
