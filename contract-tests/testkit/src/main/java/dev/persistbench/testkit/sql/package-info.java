/** Statement capture with datasource-proxy: how many statements an operation sent, and their SQL. */
package dev.persistbench.testkit.sql;
