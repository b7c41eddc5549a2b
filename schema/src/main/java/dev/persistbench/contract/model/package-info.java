/**
 * Values and commands of the contract. Records check their own invariants in their
 * constructors, so a bad argument is refused with an {@link IllegalArgumentException} naming it
 * before any implementation could send SQL.
 */
package dev.persistbench.contract.model;
