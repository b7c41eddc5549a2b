package dev.persistbench.reports.input;

import java.util.Map;

/**
 * One JMH result (benchmark + params + mode + threads), scores normalised to µs/op.
 *
 * @param benchmarkClass simple class name, e.g. "P02FindCustomerBenchmark" or "FloorBenchmark"
 * @param method benchmark method, e.g. "run", "selectOne", "p02"
 * @param mode avgt, sample, thrpt, ss
 * @param threads JMH threads
 * @param params JMH params (impl, dataSize, ...)
 * @param usPerOp score in µs/op
 * @param errorUs score error in µs/op, null when JMH could not compute one
 * @param percentilesUs sample-mode percentiles ("50.0", "99.0", "99.9", ...) in µs
 * @param bytesPerOp gc.alloc.rate.norm, null without the gc profiler
 */
public record JmhEntry(
        String benchmarkClass,
        String method,
        String mode,
        int threads,
        Map<String, String> params,
        double usPerOp,
        Double errorUs,
        Map<String, Double> percentilesUs,
        Double bytesPerOp) {

    /** The JMH param that names the implementation. */
    public static final String IMPL_PARAM = "impl";

    /** The implementation param as JMH wrote it ("JDBC"), or null (a floor). */
    public String impl() {
        return params.get(IMPL_PARAM);
    }

    /** The dataSize param, or null. */
    public Integer dataSize() {
        String v = params.get("dataSize");
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
