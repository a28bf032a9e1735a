package org.hvlab.kernel;

import java.nio.file.Path;
import org.hvlab.kernel.runtime.CellInput;
import org.hvlab.kernel.runtime.CellStreams;
import org.hvlab.kernel.wire.ConnectionInfo;
import org.hvlab.kernel.wire.KernelSockets;

/**
 * The kernel process: {@code java ... org.hvlab.kernel.KernelMain <connection-file>}, as the kernelspec's argv
 * runs it. Binds the sockets first (so kernel_info is answered at once) while JShell starts on another thread.
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp <class path> org.hvlab.kernel.KernelMain <connection-file>");
            System.exit(2);
        }
        // Tablesaw logs through SLF4J without a provider: keep its start-up notice out of the first cell's output.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Timing.mark("main");
        // JShell starts (and warms up) on its own thread while this one binds the sockets and answers kernel_info
        Kernel kernel = new Kernel(KernelConfig.fromEnvironment(System.getenv()));
        ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
        CellInput input = new CellInput();
        System.setIn(input);
        CellStreams streams = CellStreams.install();
        try (KernelSockets sockets = new KernelSockets(info)) {
            Timing.mark("sockets bound");
            JupyterServer server = new JupyterServer(sockets, kernel, streams, new KernelInfo(), input);
            // once JShell is ready, let the JIT compile the message path too (a few hundred ms of background work)
            kernel.afterStart(() -> {
                sockets.warmUp(3000);
                BatchScheduling.apply(BatchScheduling::helper, streams.log()::println);
            });
            ParentWatch.start(System.getenv("JPY_PARENT_PID"), server::stop, streams.log()::println);
            server.serve();
            kernel.close();
            streams.close();
        }
        Runtime.getRuntime().halt(0);
    }
}
