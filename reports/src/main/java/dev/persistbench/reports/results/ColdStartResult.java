package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One implementation's cold starts: one entry of coldstart.json, written by the bench and read by
 * the report. Numbers are boxed: a file from an older bench may lack a field (null then).
 *
 * @param impl implementation id
 * @param runs one per fresh JVM, in order (fewer than asked for when a child failed)
 * @param medianMs median time from process start to the first answer, ms (0 when no run succeeded)
 * @param medianHeapMb median heap retained after a full GC right after that answer, MB (0 when no run succeeded)
 * @param error why a child failed or answered wrong, null when every run succeeded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ColdStartResult(String impl, List<Run> runs, Long medianMs, Double medianHeapMb, String error) {

    public ColdStartResult {
        runs = runs == null ? List.of() : runs;
    }

    /**
     * One cold JVM.
     *
     * @param ms wall-clock time from process start to its answer, ms
     * @param heapMb heap it still held after a full GC right after answering (what the framework keeps), MB
     * @param heapUsedMb heap in use before that GC (start-up garbage included), MB; absent in older files
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(Long ms, Double heapMb, Double heapUsedMb) {}
}
