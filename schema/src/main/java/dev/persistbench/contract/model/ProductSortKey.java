package dev.persistbench.contract.model;

/**
 * The fixed set of P05 sort keys. Implementations map each constant to a fixed SQL fragment;
 * no caller text is ever spliced into SQL. Ties are always broken by product id, in the same
 * direction as the key.
 */
public enum ProductSortKey {
    /** Product name, in the database's collation. */
    NAME,
    /** Price. */
    PRICE,
    /** Units in stock. */
    STOCK,
    /** Product id alone. */
    ID
}
