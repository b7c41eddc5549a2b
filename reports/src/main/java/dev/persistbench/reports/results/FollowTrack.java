package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * follow-track.json, written by {@code .ci/follow-track}: how each implementation follows the schema's
 * evolution track. Each implementation keeps the change that follows a step as a patch of its own
 * module ({@code impl-x/src/evolution/V<n>-*.patch}); the script runs every contract suite, as built
 * for V1, on a schema migrated to the track's last version (what pointed at the places to change), then
 * applies the patches and runs the suites again on that schema. Component names are the JSON field
 * names; numbers are boxed, a field may be absent.
 *
 * @param schemaVersion the migration version both suite runs used (the track's last)
 * @param commit {@code git rev-parse HEAD} of the tree the script copied, "+dirty" when it had changes
 * @param implementations one per implementation module, in the order of the module folders
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowTrack(Integer schemaVersion, String commit, List<Entry> implementations) {

    public FollowTrack {
        implementations = implementations == null ? List.of() : List.copyOf(implementations);
    }

    /**
     * One implementation module.
     *
     * @param module the module folder ("impl-jooq"), matched to an implementation by its module
     * @param patches the patches applied, one per step the implementation follows with code
     * @param detection how the V1 code met the last schema: {@code compile} (the build named the places),
     *     {@code start-up} (it built, and every test class failed before its first test), {@code suite}
     *     (it built and started, and tests failed), {@code none} (nothing noticed)
     * @param compileErrors the compiler's errors in the module, as {@code path:line}
     * @param compilerNamedEveryPlace whether every changed line of the patches is one the compiler named
     * @param before the suite of the V1 code on the last schema (zero tests when it did not compile)
     * @param after the suite after the patches on the last schema
     * @param afterPassed whether {@code after} ran tests and none failed
     * @param atSteps the suite on the schema at each step before the last, with the code as deployed there
     *     (the patches of that step and the steps before it); a file written before every step ran lists
     *     only the steps a patch follows
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            String module,
            List<Patch> patches,
            String detection,
            List<String> compileErrors,
            Boolean compilerNamedEveryPlace,
            Suite before,
            Suite after,
            Boolean afterPassed,
            List<AtStep> atSteps) {

        public Entry {
            patches = patches == null ? List.of() : List.copyOf(patches);
            compileErrors = compileErrors == null ? List.of() : List.copyOf(compileErrors);
            atSteps = atSteps == null ? List.of() : List.copyOf(atSteps);
        }
    }

    /**
     * The suite on the schema at one step of the track, with the code as deployed at that step.
     *
     * @param version the migration version the schema was at
     * @param suite the suite's figures
     * @param passed whether it ran tests and none failed
     * @param patchesIn the patches in the code that ran (empty: the code written for V1)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AtStep(String version, Suite suite, Boolean passed, List<String> patchesIn) {

        public AtStep {
            patchesIn = patchesIn == null ? List.of() : List.copyOf(patchesIn);
        }
    }

    /**
     * One patch: the change that follows one step of the track.
     *
     * @param path the patch file, relative to the repository root
     * @param step the migration version it follows ("2" for {@code V2-customer-full-name.patch})
     * @param filesChanged files it changes
     * @param linesAdded lines it adds
     * @param linesRemoved lines it removes
     * @param changedPlaces the lines it changes, as {@code path:line} of the file before the change
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Patch(
            String path,
            String step,
            Integer filesChanged,
            Integer linesAdded,
            Integer linesRemoved,
            List<String> changedPlaces) {

        public Patch {
            changedPlaces = changedPlaces == null ? List.of() : List.copyOf(changedPlaces);
        }
    }

    /**
     * One suite run, summed over the module's Surefire files.
     *
     * @param tests tests run
     * @param failed failures and errors
     * @param skipped skipped
     * @param firstFailure the first failing test and its message, null when none failed
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Suite(Integer tests, Integer failed, Integer skipped, String firstFailure) {}
}
