package org.hvlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hvlab.kernel.KernelMain;
import org.hvlab.kernel.install.Kernelspec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hvlab kernel install|spec|run}: the Jupyter kernel's kernelspec, and the kernel process itself. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Install the hvlab Jupyter kernel (user kernelspec 'hvlab'), print its spec, or run it.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Spec.class, KernelCommand.Run.class,
                KernelCommand.Conformance.class})
public final class KernelCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Installs the kernelspec for this build (class path, JDK, heap, commit pinned). */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write the user kernelspec 'hvlab' (Java (hvlab)) for this build.")
    public static final class Install implements Callable<Integer> {
        @Option(names = "--heap", paramLabel = "SIZE", defaultValue = Kernelspec.DEFAULT_HEAP,
                description = "Maximum heap of the kernel JVM (default ${DEFAULT-VALUE}).")
        String heap;

        @Option(names = "--no-cds", description = "Do not train a class-data-sharing archive (faster install, slower"
                + " kernel start).")
        boolean noCds;

        @Override
        public Integer call() {
            Path dir = install(heap, !noCds);
            System.out.println("installed kernelspec '" + Kernelspec.NAME + "' (" + Kernelspec.DISPLAY_NAME + ") in "
                    + dir);
            return 0;
        }
    }

    /** Installs the kernelspec and returns its directory (used by lab and report too). */
    static Path install(String heap, boolean cds) {
        Kernelspec spec = Kernelspec.forThisBuild(heap, System.getProperty("hvlab.commit", ""));
        return spec.install(Kernelspec.userKernelsDirectory(System.getenv()), cds);
    }

    /** Prints the kernel.json this build would install. */
    @Command(name = "spec", mixinStandardHelpOptions = true, description = "Print the kernel.json for this build.")
    public static final class Spec implements Callable<Integer> {
        @Option(names = "--heap", paramLabel = "SIZE", defaultValue = Kernelspec.DEFAULT_HEAP,
                description = "Maximum heap of the kernel JVM (default ${DEFAULT-VALUE}).")
        String heap;

        @Override
        public Integer call() {
            System.out.print(Kernelspec.forThisBuild(heap, System.getProperty("hvlab.commit", "")).json());
            return 0;
        }
    }

    /** Installs the kernelspec and runs Jupyter's conformance suite (jupyter_kernel_test) against it. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Install the kernelspec, then run kernel-ext/src/test/python/test_hvlab_kernel.py"
                    + " (jupyter_kernel_test with every sample, plus interrupt, System.exit, stdin, restart).")
    public static final class Conformance implements Callable<Integer> {
        static final String SUITE = "kernel-ext/src/test/python/test_hvlab_kernel.py";

        @Override
        public Integer call() {
            Workspace ws = Workspace.current();
            if (!java.nio.file.Files.isRegularFile(ws.resolve(SUITE))) {
                throw new CliException("the conformance suite " + SUITE + " is missing", "it ships with the sources",
                        "Run ./hvlab kernel test from the hvlab checkout");
            }
            install(Kernelspec.DEFAULT_HEAP, true);
            return Processes.run(ws.root(), java.util.List.of(Processes.systemPython(), SUITE));
        }
    }

    /** Runs the kernel on a connection file (what the kernelspec does, without picocli in the way). */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the kernel on a connection file.")
    public static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE", description = "The JSON file Jupyter writes for a kernel.")
        Path connectionFile;

        @Override
        public Integer call() {
            KernelMain.main(new String[] {connectionFile.toString()});
            return 0;
        }
    }
}
