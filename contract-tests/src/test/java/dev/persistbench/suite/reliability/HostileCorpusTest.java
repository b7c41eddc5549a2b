package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.contract.model.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The corpus files themselves: big enough, every family present, storable entries storable, refused ones refused. */
class HostileCorpusTest {

    @Test
    void storableCorpusHasAtLeast500DistinctEntriesWithinTheContractsLimits() {
        List<HostileCorpus.Entry> corpus = HostileCorpus.storable();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
        Set<String> texts = new HashSet<>();
        corpus.forEach(e -> texts.add(e.text()));
        assertThat(texts).as("distinct entries").hasSize(corpus.size());
        for (HostileCorpus.Entry entry : corpus) {
            Check.storable("entry " + entry.describe(), entry.text(), Check.MAX_NAME_LENGTH);
        }
    }

    @Test
    void corpusCoversTheFamiliesTheRulesPromise() {
        Set<String> families = new HashSet<>();
        HostileCorpus.storable().forEach(e -> families.add(e.family()));
        assertThat(families)
                .anyMatch(f -> f.startsWith("SQL injection"))
                .anyMatch(f -> f.startsWith("LIKE"))
                .anyMatch(f -> f.startsWith("Backslashes"))
                .anyMatch(f -> f.contains("combining"))
                .anyMatch(f -> f.contains("right to left"))
                .anyMatch(f -> f.contains("astral"))
                .anyMatch(f -> f.contains("zero width"))
                .anyMatch(f -> f.startsWith("Very long"));
        assertThat(HostileCorpus.storable())
                .anyMatch(e -> e.text().codePointCount(0, e.text().length()) == Check.MAX_NAME_LENGTH)
                .anyMatch(e -> e.text().codePoints().anyMatch(cp -> cp > 0xFFFF));
    }

    @Test
    void refusedEntriesAreAllRefusedByTheContractsTextCheck() {
        List<HostileCorpus.Entry> refused = HostileCorpus.refused();
        assertThat(refused).isNotEmpty();
        for (HostileCorpus.Entry entry : refused) {
            assertThatThrownBy(() -> Check.storable("x", entry.text(), Check.MAX_NAME_LENGTH))
                    .as(entry.describe())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
