package dev.persistbench.contract.model;

import java.math.BigDecimal;

/**
 * One row of the P11 report.
 *
 * @param customerId the customer
 * @param email the customer's e-mail
 * @param revenue sum of the totals of the customer's counted orders, scale 2
 * @param orders how many orders were counted
 */
public record CustomerRevenue(long customerId, String email, BigDecimal revenue, long orders) {}
