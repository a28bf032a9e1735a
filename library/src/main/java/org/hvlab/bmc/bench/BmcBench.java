package org.hvlab.bmc.bench;

import org.hvlab.bmc.Bmc;
import org.hvlab.bmc.HostDescription;
import org.hvlab.bmc.install.CapsuleServer;
import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.core.Progress;
import org.hvlab.core.Tables;
import org.hvlab.dpu.DpuImage;
import org.hvlab.dpu.Dpus;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.Guid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The numbers behind {@code ./hvlab bench bmc}, each beside its baseline measured in the same run, on loopback:
 * <ol>
 *   <li>Redfish GETs of {@code /redfish/v1/Systems/DPU0} with Basic auth, {@code wrk -t1 -c32} for 10 s after a
 *   5 s warm-up, against nginx (one worker) serving the same JSON from a file (target: at least half of nginx's
 *   rate, p99 under 5 ms, no errors);</li>
 *   <li>a 256 MiB DPU image provisioned end to end (capsule served by the installer's capsule server, fetched,
 *   validated, written to the slot, DPU reset) against {@code curl} fetching the same capsule from nginx to a file
 *   (target: at least half of curl's throughput).</li>
 * </ol>
 * Bounded (each tool has a timeout), loopback only; it cleans up its temporary directory and stops nginx.
 */
public final class BmcBench {
    private static final Path WRK = Path.of("/usr/bin/wrk");
    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final String RESOURCE = "/redfish/v1/Systems/DPU0";
    /** Measured provisionings (and curl fetches, alternating with them) after the warm-up. */
    private static final int TRANSFER_RUNS = 3;

    private final boolean quick;

    /** {@code quick}: 2 s runs after a 1 s warm-up and a 32 MiB image; checks it runs, numbers are rough. */
    public BmcBench(boolean quick) {
        this.quick = quick;
    }

    public String description() {
        return "Redfish GET with Basic auth vs nginx (wrk -t1 -c32), and a " + (imageBytes() >> 20)
                + " MiB provisioning transfer vs curl from nginx";
    }

    private long imageBytes() { return quick ? 32L << 20 : 256L << 20; }

    /**
     * Runs both comparisons. Columns: {@code test, subject, requests_per_s, p99_ms, requests, errors, mib_per_s,
     * seconds, ratio_vs_baseline, target, pass}.
     */
    public Table run() {
        for (Path tool : List.of(WRK, CURL)) {
            if (!Files.isExecutable(tool)) {
                throw new BenchException(BenchException.Reason.TOOL_MISSING, tool + " is missing",
                        "the BMC bench measures its baseline with it", "apt-get install -y wrk curl nginx-light");
            }
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("hvlab-bench-bmc-");
            Table t = table();
            try (Dpus dpus = Dpus.builder().count(1).directory(work.resolve("dpus")).factoryPayloadBytes(4096).build();
                 Bmc bmc = Bmc.builder().host(HostDescription.of("bench", "bench-host")).dpus(dpus).start();
                 Progress.Task bar = Progress.start("bench bmc", 4)) {
                Path prefix = Files.createDirectories(work.resolve("nginx"));
                Files.createDirectories(prefix.resolve("www/redfish/v1/Systems"));
                Files.write(prefix.resolve("www" + RESOURCE), bmc.http().get(RESOURCE).orThrow().bytes());
                Nginx nginx = Nginx.start(prefix);
                try {
                    String auth = bmc.credentials().basicHeader();
                    Wrk ours = wrk(bmc.uri() + RESOURCE, auth);
                    bar.advance(1);
                    Wrk base = wrk(nginx.uri(RESOURCE).toString(), null);
                    bar.advance(1);
                    double ratio = ours.requestsPerSecond() / base.requestsPerSecond();
                    row(t, "redfish_get", "hvlab-bmc", ours, Double.NaN, Double.NaN, ratio,
                            ">= 0.5x nginx rps, p99 < 5 ms, 0 errors",
                            ratio >= 0.5 && ours.p99Millis() < 5 && ours.errors() == 0);
                    row(t, "redfish_get", "nginx", base, Double.NaN, Double.NaN, 1.0, "baseline", true);
                    transfer(t, bmc, nginx, work, bar);
                } finally {
                    nginx.close();
                }
            }
            return t;
        } catch (IOException e) {
            throw new BenchException(BenchException.Reason.TOOL_FAILED, "the BMC bench failed", e.toString(),
                    "Check free space in " + System.getProperty("java.io.tmpdir"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException(BenchException.Reason.TOOL_FAILED, "the BMC bench was interrupted", "",
                    "Run it again");
        } finally {
            if (work != null) delete(work);
        }
    }

    private void transfer(Table t, Bmc bmc, Nginx nginx, Path work, Progress.Task bar)
            throws IOException, InterruptedException {
        Path image = work.resolve("image.img");
        DpuImage.builder().model("BlueField-2").version("9.9.9").build("bench").payloadBytes(imageBytes()
                - DpuImage.HEADER_SIZE).seed(9).writeTo(image);
        Path capsule = nginx.root().resolve("bench.cap");
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(image).writeTo(capsule);
        Files.delete(image);
        double mib = Files.size(capsule) / (double) (1 << 20);
        try (CapsuleServer server = CapsuleServer.start(nginx.root())) {
            List<String> curlToFile = List.of(CURL.toString(), "-s", "-f", "-o", work.resolve("curl.out").toString(),
                    nginx.uri("/bench.cap").toString());
            // warm-up, as for wrk: both sides run a few times unmeasured (the JIT compiles the BMC's fetch, hash
            // and write paths; the page cache holds the capsule), then each is measured RUNS times, alternating
            TaskSnapshot s = null;
            for (int i = 0; i < transferWarmups(); i++) {
                s = provision(bmc, server, capsule);
                curl(curlToFile, nginx);
            }
            double[] ours = new double[TRANSFER_RUNS];
            double[] theirs = new double[TRANSFER_RUNS];
            boolean completed = true;
            for (int i = 0; i < TRANSFER_RUNS; i++) {
                long start = System.nanoTime();
                s = provision(bmc, server, capsule);
                ours[i] = (System.nanoTime() - start) / 1e9;
                completed &= s.completed();
                long c0 = System.nanoTime();
                curl(curlToFile, nginx);
                theirs[i] = (System.nanoTime() - c0) / 1e9;
            }
            Files.deleteIfExists(work.resolve("curl.out"));
            bar.advance(2);
            double oursMedian = median(ours);
            double curlMedian = median(theirs);
            double ratio = curlMedian / oursMedian;
            String name = "provision_" + (imageBytes() >> 20) + "mib";
            row(t, name, "hvlab-bmc (fetch, validate, write slot, reset)", null,
                    mib / oursMedian, oursMedian, ratio, ">= 0.5x curl MiB/s, task Completed", ratio >= 0.5 && completed);
            row(t, name, "curl from nginx", null, mib / curlMedian, curlMedian,
                    1.0, "baseline", true);
        }
    }

    private int transferWarmups() { return quick ? 1 : 3; }

    private static TaskSnapshot provision(Bmc bmc, CapsuleServer server, Path capsule) {
        return bmc.client().simpleUpdate(server.publish(capsule), List.of(RedfishPath.of(RESOURCE)))
                .await(Duration.ofMinutes(5));
    }

    private static void curl(List<String> cmd, Nginx nginx) throws IOException, InterruptedException {
        Run r = run(cmd, 120);
        if (r.exit() != 0) {
            throw new BenchException(BenchException.Reason.TOOL_FAILED, "curl exited " + r.exit(), r.out(),
                    "Fetch " + nginx.uri("/bench.cap") + " by hand");
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private Wrk wrk(String url, String auth) throws IOException, InterruptedException {
        int warm = quick ? 1 : 5;
        int secs = quick ? 2 : 10;
        List<String> base = new ArrayList<>(List.of(WRK.toString(), "-t1", "-c32", "--latency", "--timeout", "2s"));
        if (auth != null) base.addAll(List.of("-H", "Authorization: " + auth));
        List<String> w = new ArrayList<>(base);
        w.addAll(List.of("-d" + warm + "s", url));
        run(w, warm + 30);
        List<String> m = new ArrayList<>(base);
        m.addAll(List.of("-d" + secs + "s", url));
        Run r = run(m, secs + 30);
        if (r.exit() != 0) {
            throw new BenchException(BenchException.Reason.TOOL_FAILED, "wrk exited " + r.exit(), r.out(),
                    "Run: " + String.join(" ", m));
        }
        return Wrk.parse(r.out());
    }

    private record Run(int exit, String out) {}

    private static Run run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BenchException(BenchException.Reason.TOOL_FAILED, cmd.get(0) + " ran past " + timeoutSeconds + " s",
                    "the bench bounds every tool", "Run it by hand: " + String.join(" ", cmd));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Table table() {
        return Table.create("bmc", StringColumn.create("test"), StringColumn.create("subject"),
                DoubleColumn.create("requests_per_s"), DoubleColumn.create("p99_ms"), LongColumn.create("requests"),
                LongColumn.create("errors"), DoubleColumn.create("mib_per_s"), DoubleColumn.create("seconds"),
                DoubleColumn.create("ratio_vs_baseline"), StringColumn.create("target"), StringColumn.create("pass"));
    }

    private static void row(Table t, String test, String subject, Wrk w, double mibPerS, double seconds, double ratio,
                            String target, boolean pass) {
        Tables.appendRow(t, test, subject, w == null ? Double.NaN : w.requestsPerSecond(),
                w == null ? Double.NaN : w.p99Millis(), w == null ? 0 : w.requests(), w == null ? 0 : w.errors(),
                mibPerS, seconds, ratio, target, pass ? "yes" : "no");
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
