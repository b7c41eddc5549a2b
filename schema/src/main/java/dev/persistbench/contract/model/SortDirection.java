package dev.persistbench.contract.model;

/** Ascending or descending order (P05). */
public enum SortDirection {
    ASC,
    DESC
}
