package dev.persistbench.mybatis;

import dev.persistbench.contract.model.Customer;

/** Customer statements; SQL in {@code CustomerMapper.xml}. */
interface CustomerMapper {

    // tag::P01[]
    /** P01: inserts; the generated id and creation instant are written back into {@code customer}. */
    int insert(CustomerInsert customer);
    // end::P01[]

    // tag::P02[]
    /** P02: the customer, or null. */
    Customer findById(long id);
    // end::P02[]
}
