package org.hvlab.bmc.bench;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.hvlab.testing.PeerTools;

class BmcBenchTest {
    @Test
    void should_parse_wrk_latency_output() {
        String out = """
                Running 10s test @ http://127.0.0.1:8080/redfish/v1/Systems/DPU0
                  1 threads and 32 connections
                  Latency Distribution
                     50%  512.00us
                     75%  700.00us
                     90%    1.02ms
                     99%    2.50ms
                  412345 requests in 10.00s, 512.00MB read
                  Socket errors: connect 0, read 1, write 0, timeout 2
                  Non-2xx or 3xx responses: 4
                Requests/sec:  41234.50
                """;
        Wrk w = Wrk.parse(out);
        assertThat(w.requestsPerSecond()).isEqualTo(41234.5);
        assertThat(w.p99Millis()).isEqualTo(2.5);
        assertThat(w.requests()).isEqualTo(412345);
        assertThat(w.errors()).isEqualTo(7);
        assertThat(Wrk.parse(out.replace("2.50ms", "900.00us")).p99Millis()).isEqualTo(0.9);
        assertThatThrownBy(() -> Wrk.parse("nothing")).isInstanceOf(BenchException.class);
    }

    @Test
    void should_run_the_quick_bench_with_its_baselines() {
        PeerTools.require("wrk", "wrk");
        PeerTools.require("nginx", "nginx-light");
        PeerTools.require("curl", "curl");
        Table t = new BmcBench(true).run();
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.stringColumn("subject").asList()).contains("nginx", "curl from nginx");
        assertThat(t.longColumn("errors").asList()).containsOnly(0L);
        assertThat(t.doubleColumn("requests_per_s").get(0)).isPositive();
        assertThat(t.doubleColumn("mib_per_s").get(2)).isPositive();
        System.out.println(t.printAll());
    }
}
