package dev.persistbench.contract.error;

/**
 * A command named a row that does not exist (P06's customer or product, P09's order); nothing
 * was written. Plain look-ups (P02, P04, P07) answer an empty Optional instead.
 */
public final class NotFoundException extends StoreException {
    private final String entity;
    private final long id;

    public NotFoundException(String entity, long id) {
        super(entity + " " + id + " does not exist", null);
        this.entity = entity;
        this.id = id;
    }

    /** "customer", "product" or "order". */
    public String entity() {
        return entity;
    }

    public long id() {
        return id;
    }
}
