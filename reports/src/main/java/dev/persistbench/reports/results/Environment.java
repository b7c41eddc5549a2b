package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * environment.json, written by the bench and read by the report: what was measured (commit,
 * libraries), where and how. Component names are the JSON field names. Every field is boxed or a
 * reference: a file from an older bench may lack one (null then), and fields it had that the bench
 * no longer writes are ignored.
 *
 * @param generatedAt when the bench wrote the file (ISO-8601)
 * @param startedAt when the run started
 * @param profile smoke, quick or full
 * @param commit {@code git rev-parse HEAD} of the measured tree, or "unknown"
 * @param commitDirty whether that tree had uncommitted changes, null when unknown
 * @param libraries library name to version, from the POM
 * @param jvm Java version and VM ("25.0.1 (Eclipse Adoptium OpenJDK 64-Bit Server VM)")
 * @param os operating system name, version and architecture
 * @param cpu CPU model (/proc/cpuinfo), or the architecture
 * @param cores available processors
 * @param memoryGb physical memory, GB (-1: unknown)
 * @param postgres server version
 * @param dbMode embedded, container or external
 * @param poolSize the benchmarks' pool size, read from the pool (-1: unknown)
 * @param driverProperties the pool's pgjdbc properties
 * @param jmh how JMH ran
 * @param placement the thread placement asked for and what each fork did
 * @param workload fixed workload sizes per pattern
 * @param filters what the run was restricted to
 * @param settings each implementation's {@code settings()}, in the order it gave them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Environment(
        String generatedAt,
        String startedAt,
        String profile,
        String commit,
        Boolean commitDirty,
        Map<String, String> libraries,
        String jvm,
        String os,
        String cpu,
        Integer cores,
        Long memoryGb,
        String postgres,
        String dbMode,
        Integer poolSize,
        Map<String, String> driverProperties,
        Jmh jmh,
        PlacementReport placement,
        Workload workload,
        Filters filters,
        Map<String, Map<String, String>> settings) {

    /**
     * How JMH ran (environment.json "jmh").
     *
     * @param forks JMH forks per benchmark (0: in the runner's own JVM)
     * @param inProcess whether forks is 0
     * @param design the measurement design, in words
     * @param rounds rounds per pattern
     * @param sliceTime one slice's length ("150 ms")
     * @param warmupIterations JMH warm-up iterations (0: each fork warms its arms itself)
     * @param dataSizes data sizes run
     * @param mode JMH mode ("avgt")
     * @param timeUnit JMH time unit ("us")
     * @param profilers JMH profilers ("gc")
     * @param threadSweep thread counts run
     * @param forkJvmArgs every fork's JVM arguments (no password)
     * @param runErrors benchmarks that failed, as JMH reported them
     * @param scaleSizes data sizes at which the reads were measured again beside dataSizes ("data
     *     size" run; empty: none, absent in older files)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Jmh(
            Integer forks,
            Boolean inProcess,
            String design,
            Integer rounds,
            String sliceTime,
            Integer warmupIterations,
            List<Integer> dataSizes,
            String mode,
            String timeUnit,
            List<String> profilers,
            List<Integer> threadSweep,
            List<String> forkJvmArgs,
            List<String> runErrors,
            List<Integer> scaleSizes) {}

    /**
     * The placement asked for, and what each fork did (from its slices record).
     *
     * @param requested same-core, cross-core or none
     * @param perFork per fork (its slices file's name) its placement
     * @param error why the forks' placements could not be read, null when they were
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlacementReport(
            Status.Placement requested,
            Map<String, ForkPlacement> perFork,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}

    /**
     * Where one fork ran.
     *
     * @param mode same-core, cross-core or none
     * @param benchCpu the measuring thread's CPU, or -1
     * @param serverCpu the server processes' CPU, or -1
     * @param otherCpu the other JVM threads' CPU, or -1
     * @param serverPinned whether the server's processes were pinned
     * @param note what was done or why not
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ForkPlacement(
            Status.Placement mode,
            Integer benchCpu,
            Integer serverCpu,
            Integer otherCpu,
            Boolean serverPinned,
            String note) {}

    /**
     * Fixed workload sizes per pattern; the report reads a pattern's by the "Pnn" prefix of the name.
     *
     * @param p03batchSize products per P03 call
     * @param p05pageSize P05 page size
     * @param p06linesPerOrder lines per P06 order
     * @param p08limit P08 limit
     * @param p10ordersPerOp orders P10 cancels per call
     * @param p11limit P11 limit
     * @param poolScale the factor of the pools of pre-made rows (bench.poolScale)
     * @param verificationDataSize data size of the verification pass and the cold starts
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Workload(
            @JsonProperty("P03batchSize") Integer p03batchSize,
            @JsonProperty("P05pageSize") Integer p05pageSize,
            @JsonProperty("P06linesPerOrder") Integer p06linesPerOrder,
            @JsonProperty("P08limit") Integer p08limit,
            @JsonProperty("P10ordersPerOp") Integer p10ordersPerOp,
            @JsonProperty("P11limit") Integer p11limit,
            String poolScale,
            Integer verificationDataSize) {}

    /**
     * What the run was restricted to.
     *
     * @param include bench.include tokens (empty: everything)
     * @param impl the implementations asked for
     * @param ignoreContract whether implementations were timed although their suite failed
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Filters(List<String> include, List<String> impl, Boolean ignoreContract) {}
}
