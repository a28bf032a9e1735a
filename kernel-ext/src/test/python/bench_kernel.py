"""Benchmarks the installed `hvlab` kernel through jupyter_client (Debian's /usr/bin/python3).

Prints CSV rows `metric,value,unit` on stdout (the lead's `./hvlab bench kernel` turns them into
datasets/bench/kernel.csv). Progress goes to stderr. Exit status 0 when every measurement ran, 1 otherwise.

Metrics (medians where repeated):
  trivial_java_start_exit_ms     the kernelspec's java + JVM flags running org.hvlab.kernel.bench.Noop
  start_to_kernel_info_ms        kernel process start -> first kernel_info reply (measured directly, not with
                                 wait_for_ready, which adds a 200 ms iopub flush)
  start_to_kernel_info_minus_trivial_ms   the same less the trivial program (target: within 400 ms)
  start_to_first_result_ms       kernel process start -> execute_reply of `1 + 1` (target: under 1500 ms)
  rss_after_first_eval_mb        VmRSS of the kernel after that first cell (target: under 250 MB)
  rss_after_roundtrips_mb        VmRSS of the round-trip kernel after all its cells (and its background warm-up of
                                 the message path): context for the target above, not a target
  roundtrip_median_ms            after 200 warm-up cells, `1 + i` with i counting up: execute_request sent ->
                                 execute_reply and the idle status received (synchronous sockets from the
                                 KernelManager, jupyter_client's Session)
  jshell_eval_median_ms          JShell's own eval of the same expressions (local engine, same class path and
                                 imports, own JVM) after the same warm-up, alternated with the kernel's cells
  roundtrip_minus_jshell_ms      the kernel's overhead over JShell (target: within 3 ms); on a loaded machine it
                                 includes the CPU preemption that follows JShell's 10-30 ms compile burst
  roundtrip_minus_jshell_paired_median_ms   the median over cells of (kernel round trip - the baseline's eval of the
                                 same expression right after it): the same overhead from pairs that share the
                                 machine's state, with less sampling noise than a difference of two medians (context,
                                 not the target)
  protocol_roundtrip_median_ms   a cell that never reaches JShell (%lsmagic, with a result): the messaging cost
                                 alone, client included
  messaging_floor_ms             a bare jeromq server (org.hvlab.kernel.bench.MessagingFloor: the kernel's sockets
                                 and message sequence, no JSON, no JShell) busy-waiting as long as JShell's median
                                 eval: round trip less that wait, i.e. what ZeroMQ and the thread wake-ups cost on
                                 this machine after a busy stretch of that length (not a target; context for the
                                 round trip)
  shutdown_ms                    shutdown_request -> process exit
  loadavg_1min_at_end, cpus      the machine's load when the run ended (other work skews every number above)

Usage: bench_kernel.py [--quick] [--warmup N] [--measured N] [--starts N]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import zmq

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    if prov is not None and getattr(prov, "process", None) is not None:
        return prov.process.pid
    return km.kernel.pid


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def run_cell(kc, code, timeout=60):
    msg_id = kc.execute(code)
    reply = None
    idle = False
    result = None
    while reply is None or not idle:
        if reply is None:
            try:
                m = kc.get_shell_msg(timeout=0.001 if idle else timeout)
                if m["parent_header"].get("msg_id") == msg_id:
                    reply = m
                continue
            except Exception:
                if not idle:
                    pass
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "execute_result":
            result = m["content"]["data"].get("text/plain")
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            idle = True
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{code!r} failed: {reply['content']}")
    return result


class DirectClient:
    """Synchronous shell and iopub sockets from the KernelManager, with jupyter_client's Session for signing and
    parsing: the blocking client's asyncio layer adds about a millisecond per message, which would be charged to
    the kernel in the round-trip measurement."""

    def __init__(self, km):
        self.session = km.session
        self.shell = km.connect_shell()
        self.iopub = km.connect_iopub()
        self.poller = zmq.Poller()
        self.poller.register(self.iopub, zmq.POLLIN)

    def recv(self, socket, timeout_s):
        """One message, parsing only header, parent header and (for the types the bench reads) content: the
        client's own parsing and signature checking are not the kernel's cost."""
        if not socket.poll(timeout_s * 1000):
            raise TimeoutError("no message from the kernel")
        frames = socket.recv_multipart(copy=True)
        d = frames.index(b"<IDS|MSG>")
        header = json.loads(frames[d + 2])
        msg = {"header": header, "msg_type": header["msg_type"], "parent_header": json.loads(frames[d + 3])}
        if header["msg_type"] in ("status", "execute_result", "execute_reply", "kernel_info_reply"):
            msg["content"] = json.loads(frames[d + 5])
        return msg

    def sync(self):
        """Waits until iopub delivers (slow-joiner), using kernel_info round trips."""
        for _ in range(100):
            msg = self.session.send(self.shell, "kernel_info_request", {})
            self.recv(self.shell, 30)
            try:
                while True:
                    m = self.recv(self.iopub, 0.2)
                    if m["parent_header"].get("msg_id") == msg["header"]["msg_id"] and \
                            m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                        return
            except TimeoutError:
                continue
        raise RuntimeError("iopub never connected")

    def run(self, code, timeout=60):
        msg = self.session.send(self.shell, "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        msg_id = msg["header"]["msg_id"]
        reply = self.recv(self.shell, timeout)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{code!r} failed: {reply['content']}")
        result = None
        while True:
            m = self.recv(self.iopub, timeout)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "execute_result":
                result = m["content"]["data"].get("text/plain")
            elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return result

    def close(self):
        self.shell.close(linger=0)
        self.iopub.close(linger=0)


def messaging_floor(jvm, busy_ms, warmup, measured):
    """Median of (round trip - busy wait) against MessagingFloor, pyzmq sockets as in DirectClient; each request's
    reply and idle are matched by its sequence number, as DirectClient matches parent headers."""
    server = subprocess.Popen(jvm + ["org.hvlab.kernel.bench.MessagingFloor"], stdout=subprocess.PIPE, text=True)
    ctx = zmq.Context.instance()
    dealer = ctx.socket(zmq.DEALER)
    sub = ctx.socket(zmq.SUB)
    try:
        words = server.stdout.readline().split()
        if not words or words[0] != "ready":
            raise RuntimeError("MessagingFloor did not start")
        dealer.connect(f"tcp://127.0.0.1:{words[1]}")
        sub.connect(f"tcp://127.0.0.1:{words[2]}")
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        busy_us = int(busy_ms * 1000)
        seq = [0]

        def recv(socket, what):
            if not socket.poll(30_000):
                raise TimeoutError(f"MessagingFloor sent no {what}")
            return socket.recv().decode()

        def one(us):
            seq[0] += 1
            t0 = time.perf_counter()
            dealer.send(f"{seq[0]} {us}".encode())
            if recv(dealer, "reply") != f"{seq[0]} reply":
                raise RuntimeError("MessagingFloor answered another request")
            while recv(sub, "idle") != f"{seq[0]} idle":
                pass
            return (time.perf_counter() - t0) * 1000.0 - us / 1000.0

        # the subscription takes a moment to reach the PUB socket (slow joiner): until an idle arrives, ask again
        for attempt in range(100):
            seq[0] += 1
            dealer.send(f"{seq[0]} 0".encode())
            recv(dealer, "reply")
            if sub.poll(100):
                break
        else:
            raise RuntimeError("the SUB socket never received from MessagingFloor")
        for _ in range(warmup):
            one(busy_us)
        values = [one(busy_us) for _ in range(measured)]
        dealer.send(b"stop")
        recv(dealer, "stop answer")
        return statistics.median(values)
    finally:
        dealer.close(linger=0)
        sub.close(linger=0)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def first_kernel_info(kc, t0, timeout=60):
    """Milliseconds from t0 to the first kernel_info reply (wait_for_ready would add its 200 ms iopub flush)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        msg_id = kc.kernel_info()
        try:
            while True:
                m = kc.get_shell_msg(timeout=1)
                if m["parent_header"].get("msg_id") == msg_id:
                    return (time.perf_counter() - t0) * 1000.0
        except Exception:
            continue
    raise RuntimeError("no kernel_info reply")


def start(name="hvlab"):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc, t0


def stop(km, kc):
    t0 = time.perf_counter()
    pid = kernel_pid(km)
    km.shutdown_kernel(now=False)
    kc.stop_channels()
    return (time.perf_counter() - t0) * 1000.0, pid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--measured", type=int, default=100)
    ap.add_argument("--starts", type=int, default=5)
    args = ap.parse_args()
    if args.quick:
        args.warmup, args.measured, args.starts = 200, 30, 2

    spec = KernelSpecManager().get_kernel_spec("hvlab")
    argv = spec.argv
    main_index = argv.index("org.hvlab.kernel.KernelMain")
    jvm = argv[:main_index]  # java, flags, -cp, class path
    rows = []

    # 1. a trivial Java program with the same JVM and flags
    trivial = []
    for _ in range(args.starts):
        t0 = time.perf_counter()
        subprocess.run(jvm + ["org.hvlab.kernel.bench.Noop"], check=True)
        trivial.append((time.perf_counter() - t0) * 1000.0)
    trivial_ms = statistics.median(trivial)
    rows.append(("trivial_java_start_exit_ms", trivial_ms, "ms"))
    log(f"trivial java: {trivial_ms:.0f} ms")

    # 2. start -> kernel_info reply, start -> first result, RSS, shutdown (fresh kernels)
    info_ms, first_ms, rss, shut = [], [], [], []
    for _ in range(args.starts):
        km, kc, t0 = start()
        info_ms.append(first_kernel_info(kc, t0))
        value = run_cell(kc, "1 + 1")
        first_ms.append((time.perf_counter() - t0) * 1000.0)
        if value != "2":
            raise RuntimeError(f"1 + 1 gave {value!r}")
        rss.append(rss_mb(kernel_pid(km)))
        ms, _ = stop(km, kc)
        shut.append(ms)
    rows.append(("start_to_kernel_info_ms", statistics.median(info_ms), "ms"))
    rows.append(("start_to_kernel_info_minus_trivial_ms", statistics.median(info_ms) - trivial_ms, "ms"))
    rows.append(("start_to_first_result_ms", statistics.median(first_ms), "ms"))
    rows.append(("rss_after_first_eval_mb", statistics.median(rss), "MB"))
    rows.append(("shutdown_ms", statistics.median(shut), "ms"))
    log(f"kernel_info {statistics.median(info_ms):.0f} ms, first result {statistics.median(first_ms):.0f} ms, "
        f"rss {statistics.median(rss):.0f} MB")

    # 3. warm round trips against JShell's own time for the same expressions, alternating one kernel cell and one
    #    baseline evaluation (a separate JVM) so that both see the same machine load
    km, kc, t0 = start()
    first_kernel_info(kc, t0)
    # the blocking client's channel threads would receive (and fully parse) every iopub message too, holding
    # Python's GIL while the direct client waits: stop them, so only the direct client's own work is measured
    kc.stop_channels()
    direct = DirectClient(km)
    direct.sync()
    base = subprocess.Popen(jvm + ["org.hvlab.kernel.bench.JShellBaseline", "--serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    if base.stdout.readline().strip() != "ready":
        raise RuntimeError("JShellBaseline did not start")

    def baseline(expr):
        base.stdin.write(expr + "\n")
        base.stdin.flush()
        return float(base.stdout.readline())

    i = 0
    for _ in range(args.warmup):
        direct.run(f"1 + {i}")
        baseline(f"1 + {i}")
        i += 1
    times, js_times = [], []
    for _ in range(args.measured):
        t0 = time.perf_counter()
        value = direct.run(f"1 + {i}")
        times.append((time.perf_counter() - t0) * 1000.0)
        if value != str(1 + i):
            raise RuntimeError(f"1 + {i} gave {value!r}")
        js_times.append(baseline(f"1 + {i}"))
        i += 1
    base.stdin.close()
    base.wait(timeout=30)
    protocol = []
    for _ in range(args.measured):
        t0 = time.perf_counter()
        direct.run("%lsmagic")
        protocol.append((time.perf_counter() - t0) * 1000.0)
    direct.close()
    rss_later = rss_mb(kernel_pid(km))
    stop(km, kc)
    rt = statistics.median(times)
    js = statistics.median(js_times)
    rows.append(("roundtrip_median_ms", rt, "ms"))
    rows.append(("jshell_eval_median_ms", js, "ms"))
    rows.append(("roundtrip_minus_jshell_ms", rt - js, "ms"))
    rows.append(("roundtrip_minus_jshell_paired_median_ms",
                 statistics.median(k - j for k, j in zip(times, js_times)), "ms"))
    rows.append(("protocol_roundtrip_median_ms", statistics.median(protocol), "ms"))
    rows.append(("rss_after_roundtrips_mb", rss_later, "MB"))
    floor = messaging_floor(jvm, js, 50, args.measured)
    rows.append(("messaging_floor_ms", floor, "ms"))
    log(f"messaging floor after {js:.1f} ms busy: {floor:.2f} ms")
    log(f"round trip {rt:.2f} ms vs jshell {js:.2f} ms")

    with open("/proc/loadavg") as f:
        rows.append(("loadavg_1min_at_end", float(f.read().split()[0]), "load"))
    rows.append(("cpus", float(os.cpu_count() or 0), "count"))
    print("metric,value,unit")
    for name, value, unit in rows:
        print(f"{name},{value:.3f},{unit}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # report and fail: the bench must not pass silently
        log(f"bench_kernel failed: {type(e).__name__}: {e}")
        sys.exit(1)
