package org.hvlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Notebooks are committed without outputs (issue 3): outputs come from running them, with their provenance. */
class NotebooksCommittedTest {
    @Test
    void should_keep_every_notebook_free_of_outputs_and_execution_counts() throws Exception {
        Path dir = Path.of(System.getProperty("user.dir")).getParent().resolve("notebooks");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (Path nb : notebooks) {
            for (JsonNode cell : json.readTree(nb.toFile()).path("cells")) {
                if (!cell.path("cell_type").asText().equals("code")) continue;
                String where = nb.getFileName() + " cell " + cell.path("id").asText("?");
                assertThat(cell.path("outputs").size()).as(where + " has outputs: clear them before committing")
                        .isZero();
                assertThat(cell.path("execution_count").isNull()).as(where + " has an execution count").isTrue();
            }
        }
    }
}
