package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementTest {

    @Test
    void the_server_is_released_to_every_online_cpu_as_the_kernel_lists_them(@TempDir Path dir) throws IOException {
        Path online = Files.writeString(dir.resolve("online"), "0-3\n");
        assertThat(Placement.onlineCpus(online)).isEqualTo("0-3");
        Files.writeString(online, "0,2-5\n");
        assertThat(Placement.onlineCpus(online)).isEqualTo("0,2-5");
    }

    @Test
    void without_the_kernel_s_list_it_falls_back_to_the_processors_the_jvm_sees(@TempDir Path dir) throws IOException {
        String fallback = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        assertThat(Placement.onlineCpus(dir.resolve("absent"))).isEqualTo(fallback);
        assertThat(Placement.onlineCpus(Files.writeString(dir.resolve("odd"), "garbage")))
                .isEqualTo(fallback);
    }
}
