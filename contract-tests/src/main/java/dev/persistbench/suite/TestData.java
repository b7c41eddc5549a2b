package dev.persistbench.suite;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.testkit.db.TestDatabase;

/** Builders and direct SQL helpers for test data. */
public record TestData(StoreRepository store, TestDatabase database) {}
