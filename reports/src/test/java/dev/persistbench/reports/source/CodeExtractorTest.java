package dev.persistbench.reports.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.contract.Pattern;
import dev.persistbench.reports.model.FixtureImpls;
import dev.persistbench.reports.model.Impl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the tag::/end:: markers: what a region holds, how it is counted, and each error. */
class CodeExtractorTest {

    @TempDir
    Path root;

    /** The jdbc module's repository class, with {@code body} inside the class. */
    private Path repository(String body) throws IOException {
        Path file = FixtureImpls.JDBC.sourceFile(root);
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "package dev.persistbench.jdbc;\n\npublic final class SpringJdbcStoreRepository {\n" + body + "}\n");
        return file;
    }

    /** A region for every pattern but {@code except}, so that only what a test is about is missing. */
    private static String stubs(String... except) {
        return Stream.of(Pattern.values())
                .map(Pattern::id)
                .filter(id -> !java.util.List.of(except).contains(id))
                .map(id -> "    // tag::" + id + "[]\n    void stub" + id + "() {}\n    // end::" + id + "[]\n")
                .collect(Collectors.joining());
    }

    @Test
    void counts_the_non_blank_non_comment_lines_between_the_markers() throws IOException {
        repository(stubs("P02") + """
                    // tag::P02[]
                    /** Javadoc is shown, not counted. */
                    @Override
                    public Customer findCustomer(long id) {
                        // a comment line is not counted

                        String sql = "-- tag::P05[] in a string is no marker";
                        return jdbc.query(sql, id);
                    }
                    // end::P02[]

                    int notMarked() {
                        return 1;
                    }
                """);
        CodeSnippet s = new CodeExtractor(root).extract(FixtureImpls.JDBC, Pattern.P02);
        assertThat(s.found()).isTrue();
        assertThat(s.loc()).isEqualTo(5);
        assertThat(s.parts()).hasSize(1);
        CodeSnippet.Part part = s.parts().getFirst();
        assertThat(part.label())
                .isEqualTo("SpringJdbcStoreRepository.java:" + (4 + 3 * 12 + 1) + "-" + (4 + 3 * 12 + 8));
        assertThat(part.code())
                .startsWith("/** Javadoc is shown, not counted. */\n@Override")
                .doesNotContain("tag::P02")
                .doesNotContain("end::P02")
                .doesNotContain("notMarked");
    }

    @Test
    void regions_may_nest_split_and_carry_several_tags_across_java_and_xml() throws IOException {
        repository(stubs("P06", "P07") + """
                    // tag::P06[]
                    void place() {
                        read();
                    }
                    // tag::P07[]
                    void read() {}
                    // end::P07[]
                    // end::P06[]
                """);
        Path xml = root.resolve("impl-jdbc/src/main/resources/OrderMapper.xml");
        Files.createDirectories(xml.getParent());
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <mapper namespace="x">
                  <!-- tag::P07[] -->
                  <!-- one statement -->
                  <select id="findById">
                    select 1
                  </select>
                  <!-- end::P07[] -->
                </mapper>
                """);
        CodeExtractor extractor = new CodeExtractor(root);
        CodeSnippet p06 = extractor.extract(FixtureImpls.JDBC, Pattern.P06);
        CodeSnippet p07 = extractor.extract(FixtureImpls.JDBC, Pattern.P07);
        // P06 holds the nested P07 region too, its marker lines left out.
        assertThat(p06.loc()).isEqualTo(4);
        assertThat(p06.parts().getFirst().code()).doesNotContain("tag::").doesNotContain("end::");
        // P07: the Java line, then the XML region (its comment not counted).
        assertThat(p07.parts()).extracting(CodeSnippet.Part::language).containsExactly("java", "xml");
        assertThat(p07.parts()).extracting(CodeSnippet.Part::loc).containsExactly(1, 3);
        assertThat(p07.loc()).isEqualTo(4);
        assertThat(p07.parts().get(1).label()).isEqualTo("OrderMapper.xml:4-7");
    }

    @Test
    void mapping_and_config_are_read_like_patterns() throws IOException {
        repository(stubs() + """
                    // tag::config[]
                    private final JdbcClient jdbc;
                    // end::config[]
                """);
        assertThat(new CodeExtractor(root).extract(FixtureImpls.JDBC, "config").loc())
                .isEqualTo(1);
        assertThat(new CodeExtractor(root).extract(FixtureImpls.JDBC, "mapping").loc())
                .isZero();
    }

    private static final String REPOSITORY =
            "impl-jdbc/src/main/java/dev/persistbench/jdbc/SpringJdbcStoreRepository.java";

    /** The markers read from the module fail with exactly {@code message}. */
    private void failsWith(String message) {
        assertThatThrownBy(() -> new CodeExtractor(root).extract(FixtureImpls.JDBC, Pattern.P01))
                .isInstanceOf(MarkerException.class)
                .hasMessage(message);
    }

    @Test
    void an_end_without_its_tag_names_file_line_and_tag() throws IOException {
        repository(stubs() + "    void x() {}\n    // end::P05[]\n");
        failsWith(REPOSITORY + ":" + (4 + 3 * 13 + 1) + ": end::P05[] without a tag::P05[] before it");
    }

    @Test
    void an_unknown_tag_names_file_line_and_tag() throws IOException {
        repository(stubs() + "    // tag::P14[]\n    void x() {}\n    // end::P14[]\n");
        failsWith(REPOSITORY + ":" + (4 + 3 * 13)
                + ": unknown tag 'P14' (known: P01 to P13, mapping, config, variant-<name>)");
    }

    @Test
    void a_variant_tag_is_read_like_a_pattern_and_a_malformed_one_is_unknown() throws IOException {
        repository(stubs()
                + "    // tag::variant-read-tx[]\n    void x() {}\n    void y() {}\n    // end::variant-read-tx[]\n");
        assertThat(new CodeExtractor(root)
                        .extract(FixtureImpls.JDBC, "variant-read-tx")
                        .loc())
                .isEqualTo(2);
        repository(stubs() + "    // tag::variant-[]\n    void x() {}\n    // end::variant-[]\n");
        failsWith(REPOSITORY + ":" + (4 + 3 * 13)
                + ": unknown tag 'variant-' (known: P01 to P13, mapping, config, variant-<name>)");
    }

    @Test
    void a_tag_without_its_end_names_file_line_and_tag() throws IOException {
        repository(stubs() + "    // tag::mapping[]\n    void x() {}\n");
        failsWith(REPOSITORY + ":" + (4 + 3 * 13) + ": tag::mapping[] has no end::mapping[] in the file");
    }

    @Test
    void a_tag_opened_twice_names_both_lines() throws IOException {
        repository(stubs("P03") + "    // tag::P03[]\n    // tag::P03[]\n    void x() {}\n    // end::P03[]\n");
        int first = 4 + 3 * 12;
        failsWith(REPOSITORY + ":" + (first + 1) + ": tag::P03[] opened again; the one of line " + first
                + " has no end::P03[] yet");
    }

    @Test
    void an_unbalanced_xml_marker_names_file_line_and_tag() throws IOException {
        repository(stubs());
        Path xml = root.resolve("impl-jdbc/src/main/resources/Mapper.xml");
        Files.createDirectories(xml.getParent());
        Files.writeString(xml, "<?xml version=\"1.0\"?>\n<mapper>\n  <!-- end::P04[] -->\n</mapper>\n");
        failsWith("impl-jdbc/src/main/resources/Mapper.xml:3: end::P04[] without a tag::P04[] before it");
    }

    @Test
    void a_pattern_without_a_region_names_the_module_and_the_tag() throws IOException {
        repository(stubs("P11"));
        failsWith("impl-jdbc/src/main: no region tag::P11[] for P11 (topCustomersByRevenue) in any .java or .xml file");
    }

    @Test
    void a_module_without_sources_is_not_found_rather_than_an_error() {
        CodeSnippet s = new CodeExtractor(root).extract(FixtureImpls.JOOQ, Pattern.P01);
        assertThat(s.found()).isFalse();
        assertThat(s.loc()).isNull();
        assertThat(s.reason()).isEqualTo("sources impl-jooq/src/main do not exist");
        assertThat(new CodeExtractor(null)
                        .extract(FixtureImpls.JOOQ, Pattern.P01)
                        .found())
                .isFalse();
    }

    @Test
    void an_implementation_known_only_by_its_id_has_no_code_and_does_not_throw() throws IOException {
        // Even with a module where its id says, no source file named means no code looked for.
        Files.createDirectories(root.resolve("impl-fifth/src/main/java"));
        CodeSnippet s = new CodeExtractor(root).extract(Impl.ofId("fifth"), Pattern.P02);
        assertThat(s.found()).isFalse();
        assertThat(s.reason()).contains("sources of fifth unknown");
        assertThat(new CodeExtractor(root).locOf(Impl.ofId("fifth")).values()).containsOnlyNulls();
    }
}
