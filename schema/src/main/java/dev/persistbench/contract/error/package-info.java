/**
 * The contract's own exception hierarchy. Implementations translate their framework's
 * exceptions into these types; no framework exception crosses the contract.
 */
package dev.persistbench.contract.error;
