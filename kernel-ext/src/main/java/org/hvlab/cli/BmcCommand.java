package org.hvlab.cli;

import org.hvlab.bmc.Bmc;
import org.hvlab.bmc.HostDescription;
import org.hvlab.core.Platform;
import org.hvlab.dpu.Dpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hvlab bmc --platform ID [--port N] [--https]}: serves the Redfish BMC of a demo host with two DPUs on
 * 127.0.0.1, prints the URL, user name and password, and runs until Ctrl-C.
 */
@Command(name = "bmc", mixinStandardHelpOptions = true,
        description = "Serve the Redfish BMC of a demo host with two DPUs on 127.0.0.1 until Ctrl-C.")
public final class BmcCommand implements Callable<Integer> {

    @Option(names = "--platform", required = true, paramLabel = "ID", description = "Platform catalog id, e.g. ampere-altra.")
    String platform;

    @Option(names = "--port", paramLabel = "N", description = "TCP port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--https", description = "Serve HTTPS with a self-signed certificate made at start.")
    boolean https;

    @Option(names = "--dpus", paramLabel = "N", defaultValue = "2", description = "How many DPUs (default ${DEFAULT-VALUE}).")
    int dpuCount;

    @Option(names = "--seconds", paramLabel = "S", hidden = true, description = "Stop after S seconds (tests).")
    long seconds;

    /** How long the shutdown hook waits for the BMC and the DPUs to close (their temp files, the TLS key). */
    private static final long CLOSE_WAIT_SECONDS = 20;

    @Override
    public Integer call() throws Exception {
        Platform.of(platform);   // an unknown id fails here, naming the catalog's ids
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C runs the hook while this thread is still serving: the hook wakes it and waits until the BMC and the
        // DPUs are closed, else the JVM would exit before their staging and flash directories are deleted.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bmc-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Dpus dpus = Dpus.builder().count(dpuCount).build();
             Bmc bmc = Bmc.builder().host(HostDescription.of(platform, "demo-" + platform)).dpus(dpus).port(port)
                     .https(https).start()) {
            System.out.println("Redfish BMC of demo-" + platform + " with " + dpus.size() + " DPUs");
            System.out.println("  url:      " + bmc.uri() + "/redfish/v1");
            System.out.println("  user:     " + bmc.credentials().user());
            System.out.println("  password: " + bmc.credentials().password());
            System.out.println("  try:      redfishtool -r " + bmc.uri().getAuthority()
                    + (https ? " -S Always" : " -S Never") + " -u " + bmc.credentials().user() + " -p '"
                    + bmc.credentials().password() + "' Systems list");
            System.out.println("Ctrl-C stops it.");
            System.out.flush();
            if (seconds > 0) stop.await(seconds, TimeUnit.SECONDS);
            else stop.await();
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping because of Ctrl-C: the hook is running and now returns
            }
        }
        return 0;
    }
}
