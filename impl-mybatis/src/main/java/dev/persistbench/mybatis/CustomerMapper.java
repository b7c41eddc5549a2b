package dev.persistbench.mybatis;

import dev.persistbench.contract.model.Customer;

/** Customer statements; SQL in {@code CustomerMapper.xml}. */
interface CustomerMapper {

    /** P01: inserts; the generated id and creation instant are written back into {@code customer}. */
    int insert(CustomerInsert customer);

    /** P02: the customer, or null. */
    Customer findById(long id);
}
