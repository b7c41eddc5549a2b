package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreProvider;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The implementation module registers itself: the bench and the report find implementations only
 * through their {@link StoreProvider}, so a module whose provider is missing or builds another
 * class would be silently left out of every run.
 */
public interface RegistrationRules extends ContractFixture {

    @Test
    @DisplayName("one StoreProvider on the class path registers the repository under test (none the floor)")
    default void providerBuildsTheRepositoryUnderTest() {
        Class<?> underTest = store().getClass();
        List<StoreProvider> claiming = StoreProvider.all(getClass().getClassLoader()).stream()
                .filter(p -> p.repositoryClass().equals(underTest))
                .toList();
        if (!registered()) {
            assertThat(claiming)
                    .as("providers registering %s, which is not an implementation", underTest)
                    .isEmpty();
            return;
        }
        assertThat(claiming)
                .as("StoreProviders in META-INF/services registering %s", underTest.getName())
                .hasSize(1);
        StoreProvider provider = claiming.getFirst();
        try (StoreRepository built = provider.create(database().dataSource())) {
            assertThat(built).isInstanceOf(underTest);
        }
        assertThat(provider.libraryVersion())
                .as("the version of %s's library found at run time", provider.id())
                .isNotBlank()
                .matches("\\d+\\.\\d+.*");
        for (Variant v : provider.variants()) {
            try (StoreRepository variant = v.factory().apply(database().dataSource())) {
                assertThat(variant).as("variant %s", v.name()).isInstanceOf(underTest);
            }
        }
    }
}
