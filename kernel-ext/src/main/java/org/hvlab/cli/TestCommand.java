package org.hvlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hvlab test}: everything CI runs, in order, each stage a real process whose exit code decides.
 * The launcher has already installed the peer tools and built the code.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the whole test suite: Maven tests (with real peer tools), kernel conformance, every notebook headless.")
public final class TestCommand implements Callable<Integer> {

    @Option(names = "--only", split = ",", paramLabel = "STAGE",
            description = "Run only these stages (${COMPLETION-CANDIDATES}).")
    List<TestStage> only = new ArrayList<>();

    @Option(names = "--keep-going", description = "Run every stage even after one fails.")
    boolean keepGoing;

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        List<TestStage> stages = only.isEmpty() ? List.of(TestStage.values()) : only;
        int passed = 0;
        List<String> failed = new ArrayList<>();
        for (TestStage stage : stages) {
            System.out.println();
            System.out.println("== hvlab test: " + stage.title());
            long t0 = System.nanoTime();
            int rc = stage.run(ws);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("== %s: %s in %.1f s%n", stage.name().toLowerCase(), rc == 0 ? "passed" : "FAILED (exit " + rc + ")", ms / 1000.0);
            if (rc == 0) {
                passed++;
            } else {
                failed.add(stage.name().toLowerCase());
                if (!keepGoing) break;
            }
        }
        System.out.println();
        if (!failed.isEmpty()) System.out.println("failed stages: " + String.join(", ", failed));
        System.out.println("stages: " + passed + " passed, " + failed.size() + " failed");
        return failed.isEmpty() ? 0 : 1;
    }
}
