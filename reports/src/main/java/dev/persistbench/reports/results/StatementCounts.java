package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One operation's statements, as the bench's verification pass counted them on the second of two
 * calls (the first warms the connection: a driver may look types up once): one entry of
 * statements.json, written by the bench and read by the report. Counts are boxed because an older
 * file may lack them (null: not recorded).
 *
 * @param pattern P01 ... P13
 * @param impl implementation id, or "raw-jdbc"
 * @param statementsPerOp statement executions of one operation, client-side (a JDBC batch counts once)
 * @param sql the SQL of each execution, in order
 * @param roundTrips round trips the client waited for (counted under pgjdbc)
 * @param transactions transactions begun (0: auto-commit)
 * @param serverStatements statements the server executed (pg_stat_statements; every row of an
 *     unrewritten batch counts), BEGIN/COMMIT aside; null when the server keeps no counts
 * @param serverBegins BEGINs the server executed; null as above
 * @param serverSession SHOW and SET the driver sent for itself (pgjdbc's
 *     {@code getTransactionIsolation()} is a SHOW): round trips no client-side count sees; null as above
 * @param serverCountNote why there are no server counts, or null
 * @param shape what the SQL is, read from its text, so that a reader sees where an
 *     implementation's idiom differs from the floor's (MULTISET, say)
 * @param verified whether the answer was the expected one (null: not recorded)
 * @param error what was wrong, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatementCounts(
        String pattern,
        String impl,
        Integer statementsPerOp,
        List<String> sql,
        Integer roundTrips,
        Integer transactions,
        Integer serverStatements,
        Integer serverBegins,
        Integer serverSession,
        String serverCountNote,
        String shape,
        Boolean verified,
        String error) {

    public StatementCounts {
        sql = sql == null ? List.of() : List.copyOf(sql);
    }
}
