/**
 * Answer checks run before any timing: an implementation that returns a wrong answer is not
 * timed, and the runner records why.
 */
package dev.persistbench.bench.check;
