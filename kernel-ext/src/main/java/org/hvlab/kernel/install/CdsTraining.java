package org.hvlab.kernel.install;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.hvlab.kernel.Kernel;
import org.hvlab.kernel.KernelConfig;
import org.hvlab.kernel.KernelInfo;
import org.hvlab.kernel.runtime.CellOutput;
import org.hvlab.kernel.wire.ConnectionInfo;
import org.hvlab.kernel.wire.Json;
import org.hvlab.kernel.wire.KernelSockets;

/**
 * The training run for the kernel's class-data-sharing archive: {@code kernel install} runs it once with
 * {@code -XX:ArchiveClassesAtExit}, so the classes a kernel start loads (sockets, JSON, JShell, javac, renderers)
 * come pre-parsed from the archive at every later start. Binds loopback sockets on free ports and runs a few cells.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(),
                freePort(), "training-key", "hmac-sha256");
        try (KernelSockets sockets = new KernelSockets(info)) {
            sockets.publish("status", Json.object(), new KernelInfo().content());
            try (Kernel kernel = new Kernel(KernelConfig.defaults())) {
                for (String cell : List.of("1 + 1", "int trained = 2;", "String.valueOf(trained)",
                        "Table.create(\"t\", IntColumn.create(\"a\", 1, 2))", "%lsmagic", "display(\"x\");")) {
                    kernel.execute(cell, true, CellOutput.NONE);
                }
                kernel.isComplete("int x = ");
                kernel.complete("Math.ab", 7);
                kernel.inspect("System.out.println", 18);
            }
        }
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
