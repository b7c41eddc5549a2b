package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.NewProduct;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of R3.1 to R3.3's round trips: truncation by code point, the corpus's products, the case-folded bound. */
class HostileRoundTripsTest {

    @Test
    void firstCodePointsNeverSplitsASurrogatePair() {
        String astral = "a\uD83D\uDE00b"; // a, U+1F600, b
        assertThat(HostileRoundTrips.firstCodePoints(astral, 2)).isEqualTo("a\uD83D\uDE00");
        assertThat(HostileRoundTrips.firstCodePoints(astral, 3)).isSameAs(astral);
        assertThat(HostileRoundTrips.firstCodePoints("", 1)).isEmpty();
    }

    @Test
    void corpusProductsSkipBlankEntriesAndSkusSharedByLongEntries() {
        String longA = "x".repeat(Check.MAX_KEY_LENGTH) + "A";
        String longB = "x".repeat(Check.MAX_KEY_LENGTH) + "B";
        List<HostileCorpus.Entry> corpus = List.of(
                new HostileCorpus.Entry(1, "t", "' OR 1=1 --"),
                new HostileCorpus.Entry(2, "t", "   "),
                new HostileCorpus.Entry(3, "t", longA),
                new HostileCorpus.Entry(4, "t", longB));
        Map<String, NewProduct> products = HostileRoundTrips.corpusProducts(corpus);
        assertThat(products).hasSize(2);
        NewProduct injection = products.get("' OR 1=1 --");
        assertThat(injection.name()).isEqualTo("' OR 1=1 --");
        assertThat(injection.attributes()).containsEntry("v", "' OR 1=1 --").containsEntry("' OR 1=1 --", "k");
        NewProduct first = products.get("x".repeat(Check.MAX_KEY_LENGTH));
        assertThat(first.name())
                .as("the first of two entries sharing a sku wins")
                .isEqualTo(longA);
    }

    @Test
    void containsFoldedMatchesInAnyCaseAndNothingElse() {
        assertThat(HostileRoundTrips.containsFolded("Straße 100%", "STRASSE")).isTrue();
        assertThat(HostileRoundTrips.containsFolded("Hello World", "lo wo")).isTrue();
        assertThat(HostileRoundTrips.containsFolded("anything", "")).isTrue();
        assertThat(HostileRoundTrips.containsFolded("50% off", "5_%")).isFalse();
        assertThat(HostileRoundTrips.containsFolded("abc", "abcd")).isFalse();
    }
}
