package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Following the track" in the Schema evolution section, from fixtures/evolution/follow-track.json
 * beside the rehearsal's evolution.json in a copy of results-paired: each library's patch after V2,
 * how its V1 code met the schema at V6 (jOOQ: the compiler, naming every changed line; Hibernate: no
 * start; MyBatis and Spring JDBC: failing tests), and its suite after the change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowTrackReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    Path sources;
    String html;
    String md;
    JsonNode summary;

    @BeforeAll
    void generate() throws IOException {
        sources = Fixtures.repo(tmp.resolve("repo"), false);
        String[] docs = reportOf(f -> {}, "as-written");
        html = docs[0];
        md = docs[1];
        summary = JSON.readTree(
                tmp.resolve("as-written-out").resolve("summary.json").toFile());
    }

    /** A copy of results-paired with the rehearsal and follow-track.json, the latter changed by {@code edit}. */
    private Path results(String name, Consumer<ObjectNode> edit) throws IOException {
        Path dir = Fixtures.copy("results-paired", tmp.resolve(name));
        Files.copy(Fixtures.dir("evolution").resolve("evolution.json"), dir.resolve("evolution.json"));
        ObjectNode follow = (ObjectNode) JSON.readTree(
                Fixtures.dir("evolution").resolve("follow-track.json").toFile());
        edit.accept(follow);
        Files.createDirectories(dir.resolve("follow-track"));
        JSON.writeValue(dir.resolve("follow-track").resolve("follow-track.json").toFile(), follow);
        return dir;
    }

    private String[] reportOf(Consumer<ObjectNode> edit, String name) throws IOException {
        Path out = Fixtures.report(results(name, edit), tmp.resolve(name + "-out"), sources);
        return new String[] {Files.readString(out.resolve("index.html")), Files.readString(out.resolve("report.md"))};
    }

    private static ObjectNode entry(ObjectNode follow, int k) {
        return (ObjectNode) follow.get("implementations").get(k);
    }

    @Test
    void the_verdict_gives_each_change_what_pointed_at_it_and_the_suites_after() {
        assertThat(html).contains("To follow the track (the patches of each module&#39;s src/evolution, after V2):");
        assertThat(md).contains("To follow the track (the patches of each module's src/evolution, after V2):");
        for (String doc : new String[] {html, md}) {
            assertThat(doc)
                    .contains("Hibernate ORM 1 file, +1 \u22121 lines; jOOQ 1 file, +2 \u22122 lines;"
                            + " MyBatis 1 file, +3 \u22123 lines; Spring JDBC 2 files, +3 \u22123 lines.")
                    .contains("jOOQ: the build failed with 3 compiler errors, naming every line the change touches")
                    .contains("Hibernate ORM: it built and did not start: every test class failed before its first"
                            + " test (first: dev.persistbench.hibernate.HibernateContractTest initializationError:"
                            + " Schema-validation: missing column [name] in table [customer])")
                    .contains("MyBatis: it built and started; its suite failed 97 of 181 tests")
                    .contains("After its change every suite passed on V6 (tests: Hibernate ORM 232, jOOQ 241,"
                            + " MyBatis 181, Spring JDBC 232) and at each earlier step (V2, V3, V4, V5) with the"
                            + " code as deployed there.")
                    .doesNotContain("not run at an earlier step")
                    .contains("(.ci/follow-track at 0123456789abcdef0123456789abcdef01234567)");
        }
    }

    @Test
    void each_step_table_gives_the_change_that_follows_it() {
        assertThat(html).contains("<th>code change to follow it</th>");
        assertThat(md)
                .contains("| code change to follow it |")
                // V2: jOOQ's row ends with its patch and the suite there; V3: nothing to change, the suite
                // there with V2's change in; V6: the suite after the change on the last schema.
                .contains("| 1 file, +2 \u22122 lines<br>impl-jooq/src/evolution/V2-customer-full-name.patch<br>"
                        + "its suite on V2: passed, 0 of 241 tests failed |")
                .contains("| none<br>its suite on V3: passed, 0 of 240 tests failed |")
                .contains("| none<br>its suite on V5: passed, 0 of 241 tests failed |")
                .contains("| none<br>its suite on V6: passed, 0 of 181 tests failed |");
    }

    @Test
    void the_table_has_a_row_per_library_in_report_order() {
        int hibernate = md.indexOf("| Hibernate ORM | after V2: 1 file, +1 \u22121 lines");
        int jooq = md.indexOf("| jOOQ | after V2: 1 file, +2 \u22122 lines<br>impl-jooq/src/evolution/");
        int jdbc = md.indexOf("| Spring JDBC | after V2: 2 files, +3 \u22123 lines");
        assertThat(hibernate).isPositive();
        assertThat(jooq).isGreaterThan(hibernate);
        assertThat(jdbc).isGreaterThan(jooq);
        assertThat(md)
                .contains("naming every line the change touches<br>"
                        + "impl-jooq/src/main/java/dev/persistbench/jooq/JooqStoreRepository.java:170<br>")
                .contains("| passed: 0 of 241 tests failed |");
        assertThat(html)
                .contains("<caption>Following the track: each library&#39;s change, checked on the schema at"
                        + " V6</caption>");
    }

    @Test
    void a_suite_that_fails_after_its_change_is_named_instead_of_every_suite_passed() throws IOException {
        String[] changed = reportOf(
                f -> {
                    ObjectNode mybatis = entry(f, 3);
                    mybatis.put("afterPassed", false);
                    ((ObjectNode) mybatis.get("after")).put("failed", 2).put("firstFailure", "P02.1: no such column");
                    entry(f, 2).put("compilerNamedEveryPlace", false);
                    ObjectNode jdbcAtV2 =
                            (ObjectNode) entry(f, 1).get("atSteps").get(0);
                    jdbcAtV2.put("passed", false);
                    ((ObjectNode) jdbcAtV2.get("suite")).put("failed", 3);
                },
                "failed-after");
        for (String doc : changed) {
            assertThat(doc)
                    .doesNotContain("every suite passed")
                    .contains("After the change, suites that failed: MyBatis on V6 2 of 181 tests (first: P02.1: no"
                            + " such column); Spring JDBC on V2 3 of 232 tests.")
                    .contains("3 compiler errors, not naming every line the change touches");
        }
        assertThat(changed[1])
                .contains("| FAILED: 2 of 181 tests failed |")
                .contains("its suite on V2: FAILED, 3 of 232 tests failed |");
    }

    @Test
    void a_step_the_suites_did_not_run_at_is_named_not_claimed() throws IOException {
        // An older file: the suites ran only where a patch is deployed (V2), not at V3-V5.
        String[] older = reportOf(
                f -> {
                    for (int k = 0; k < 4; k++) {
                        ArrayNode steps = entry(f, k).withArray("atSteps");
                        while (steps.size() > 1) {
                            steps.remove(1);
                        }
                    }
                    ((ObjectNode) entry(f, 0).withArray("atSteps").get(0)).remove("patchesIn");
                },
                "older");
        for (String doc : older) {
            assertThat(doc)
                    .doesNotContain("at each earlier step")
                    .contains("and at the earlier steps it ran at (V2) with the code as deployed there. Suites not"
                            + " run at an earlier step: Hibernate ORM on V3, V4, V5; jOOQ on V3, V4, V5;"
                            + " MyBatis on V3, V4, V5; Spring JDBC on V3, V4, V5.");
        }
        assertThat(older[1]).contains("| none<br>its suite on V3: not run |");
    }

    @Test
    void summary_json_carries_each_entry_by_implementation() {
        JsonNode f = summary.get("followTrack");
        assertThat(f.get("schemaVersion").asInt()).isEqualTo(6);
        assertThat(f.get("byImpl").get("jooq").get("detection").asText()).isEqualTo("compile");
        assertThat(f.get("byImpl")
                        .get("jdbc")
                        .get("patches")
                        .get(0)
                        .get("linesAdded")
                        .asInt())
                .isEqualTo(3);
        assertThat(f.get("verdict").asText()).startsWith("To follow the track");
        assertThat(summary.get("evolution").get("linesChanged").isNull()).isTrue();
        assertThat(summary.get("notMeasured").toString()).doesNotContain("following the evolution track");
    }

    @Test
    void without_follow_track_json_the_subsection_says_not_measured_and_how_to_measure() throws IOException {
        Path dir = Fixtures.copy("results-paired", tmp.resolve("no-follow"));
        Files.copy(Fixtures.dir("evolution").resolve("evolution.json"), dir.resolve("evolution.json"));
        Path out = Fixtures.report(dir, tmp.resolve("no-follow-out"), sources);
        String noFollowMd = Files.readString(out.resolve("report.md"));
        assertThat(noFollowMd)
                .contains("### Following the track\n\n> **Not measured:** Lines changed to follow each step: not"
                        + " measured in this run (no follow-track/follow-track.json in the results folder;"
                        + " .ci/follow-track bench/target/results/follow-track writes it).")
                .doesNotContain("code change to follow it");
        assertThat(Files.readString(out.resolve("index.html")))
                .contains("<h3 id=\"evolution-follow\">Following the track</h3>")
                .doesNotContain("<th>code change to follow it</th>");
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("followTrack").isNull()).isTrue();
        assertThat(s.get("notMeasured").toString()).contains("following the evolution track: not measured");
    }

    @Test
    void a_malformed_follow_track_json_is_a_clear_error_naming_the_file() throws IOException {
        assertError(f -> entry(f, 1).remove("module"), "no-module", "implementations[1] has no \"module\"");
        assertError(
                f -> ((ObjectNode) entry(f, 0).withArray("patches").get(0)).remove("step"),
                "no-step",
                "names no step (its file name must start with V<version>-)");
        assertError(f -> f.set("implementations", JSON.createArrayNode()), "empty", "has no \"implementations\"");
        assertError(f -> entry(f, 0).set("patches", JSON.createObjectNode()), "shape", "wrong type or shape");
    }

    private void assertError(Consumer<ObjectNode> edit, String name, String what) throws IOException {
        Path results = results(name, edit);
        assertThat(Fixtures.reportError(results, tmp.resolve("never"), sources))
                .contains(results.resolve("follow-track")
                        .resolve("follow-track.json")
                        .toString())
                .contains(what);
    }
}
