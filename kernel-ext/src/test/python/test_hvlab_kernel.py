"""Jupyter's own conformance suite (python3-jupyter-kernel-test 0.4.5) against the installed `hvlab` kernelspec.

Run with Debian's python:  /usr/bin/python3 -m unittest -v kernel-ext/src/test/python/test_hvlab_kernel.py
(or run this file directly). Every sample attribute is filled in, so no check is skipped; the process exits
non-zero if any check fails. Install the kernelspec first: ./hvlab kernel install.
"""
import sys
import time
import unittest

import jupyter_kernel_test


class HvlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "hvlab"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "Strin", "matches": {"String", "StringBuffer", "StringBuilder", "StringColumn",
                                      "StringIndexOutOfBoundsException"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "for (int i = 0; i < 3; i++) { }", "class A { }",
                             "%lsmagic"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "class B {", "Math.max(1,", '"""\nstill a text block']
    invalid_code_samples = ["int x = );", "}", 'String s = "unterminated']

    code_page_something = "Math.max?"

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"hv" + "lab"', "result": "hvlab"},
        {"code": "Math.max(3, 9)", "result": "9"},
    ]

    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": 'display(Table.create("t", IntColumn.create("a", 1, 2)));', "mime": "text/html"},
        {"code": 'display(new XYChartBuilder().width(200).height(120).build());', "mime": "image/png"},
    ]

    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "System.out.println"

    code_clear_output = "clearOutput();"

    # Beyond the standard suite: what IJava and JJava get wrong.

    def run_async(self, code):
        msg_id = self.kc.execute(code)
        return msg_id

    def reply_for(self, msg_id, timeout=60):
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def test_interrupt_stops_a_runaway_loop_and_keeps_variables(self):
        self.flush_channels()
        reply, _ = self.execute_helper("int keptAcrossInterrupt = 41;")
        self.assertEqual(reply["content"]["status"], "ok")
        msg_id = self.run_async("while (true) { }")
        time.sleep(1.0)
        self.km.interrupt_kernel()  # interrupt_mode message: interrupt_request on the control channel
        reply = self.reply_for(msg_id, timeout=30)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.flush_channels()
        reply, outputs = self.execute_helper("keptAcrossInterrupt + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "42")

    def test_interrupt_ends_a_sleeping_cell(self):
        # a cell blocked in a JDK call (no loop for JDK 25's woven stop checks to catch): the interrupt must still end it
        self.flush_channels()
        msg_id = self.run_async("Thread.sleep(120_000);")
        time.sleep(1.0)
        started = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.reply_for(msg_id, timeout=30)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(time.monotonic() - started, 20.0)
        self.flush_channels()
        reply, _ = self.execute_helper("2 + 2")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_system_exit_does_not_end_the_kernel(self):
        for cell in ("System.exit(3);", "Runtime.getRuntime().halt(3);", "Runtime.getRuntime().exit(3);"):
            self.flush_channels()
            reply, outputs = self.execute_helper(cell)
            self.assertEqual(reply["content"]["status"], "error", cell)
            self.assertEqual(reply["content"]["ename"], "SystemExit", cell)
            self.assertTrue(self.km.is_alive(), cell)
        self.flush_channels()
        reply, _ = self.execute_helper("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_compile_error_names_the_line_in_the_cell(self):
        self.flush_channels()
        reply, _ = self.execute_helper("int fine = 1;\nint broken = nowhere + 1;")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertTrue(reply["content"]["evalue"].startswith("cell line 2:"), reply["content"]["evalue"])

    def test_queued_cells_are_aborted_after_an_error(self):
        self.flush_channels()
        codes = ["int queuedA = 1;", 'Thread.sleep(300); throw new RuntimeException("stop here");', "queuedA = 2;"]
        ids = [self.kc.execute(c) for c in codes]
        status = {}
        while len(status) < len(ids):
            reply = self.kc.get_shell_msg(timeout=30)
            status[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        self.assertEqual([status[i] for i in ids], ["ok", "error", "aborted"])
        time.sleep(0.3)
        self.flush_channels()
        reply, outputs = self.execute_helper("queuedA")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "1")

    def test_system_in_asks_the_notebook_for_a_line(self):
        self.flush_channels()
        msg_id = self.kc.execute('new java.util.Scanner(System.in).nextLine().toUpperCase()', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=30)
        self.assertEqual(request["msg_type"], "input_request")
        self.kc.input("typed")
        reply = self.reply_for(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        while True:
            m = self.kc.get_iopub_msg(timeout=10)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_result":
                self.assertEqual(m["content"]["data"]["text/plain"], "TYPED")
                break

    def test_restart_gives_a_fresh_session(self):
        self.flush_channels()
        self.execute_helper("int definedBeforeRestart = 1;")
        self.km.restart_kernel(now=False)  # shutdown_request(restart=True) on control, then a new process
        self.kc.wait_for_ready(timeout=60)
        self.flush_channels()
        reply, _ = self.execute_helper("definedBeforeRestart")
        self.assertEqual(reply["content"]["status"], "error")
        self.flush_channels()
        reply, _ = self.execute_helper("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_restart_during_a_runaway_cell_stops_the_cell_and_exits_cleanly(self):
        self.flush_channels()
        old = self.km.provisioner.process
        self.run_async("while (true) { }")
        time.sleep(1.0)
        started = time.monotonic()
        self.km.restart_kernel(now=False)  # shutdown_request while the shell thread is busy
        # the old process ended by itself (exit status 0), not killed after jupyter_client's wait (SIGKILL, -9)
        self.assertEqual(old.wait(timeout=30), 0)
        self.assertLess(time.monotonic() - started, 10.0)
        self.kc.wait_for_ready(timeout=60)
        self.flush_channels()
        reply, _ = self.execute_helper("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_report_runs_a_notebook_and_writes_html_with_its_provenance(self):
        # what ./hvlab report does after making the provenance table: run_notebooks.py with --out
        import json
        import os
        import subprocess
        import tempfile
        root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
        script = os.path.join(root, "kernel-ext", "src", "main", "resources", "org", "hvlab", "kernel", "report",
                              "run_notebooks.py")
        with tempfile.TemporaryDirectory() as d:
            notebook = os.path.join(d, "tiny.ipynb")
            with open(notebook, "w") as f:
                json.dump({"cells": [{"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {},
                                      "outputs": [], "source": ["6 * 7"]}],
                           "metadata": {"kernelspec": {"name": self.kernel_name, "display_name": "Java (hvlab)",
                                                       "language": "java"}},
                           "nbformat": 4, "nbformat_minor": 5}, f)
            provenance = os.path.join(d, "provenance.html")
            with open(provenance, "w") as f:
                f.write('<table class="hvlab-provenance"><tr><td>commit</td><td>report-test-commit</td></tr></table>')
            out = os.path.join(d, "reports")
            run = subprocess.run([sys.executable, script, notebook, "--out", out, "--kernel", self.kernel_name,
                                  "--provenance-html", provenance, "--quick"],
                                 capture_output=True, text=True, timeout=300)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            with open(os.path.join(out, "tiny.html"), encoding="utf-8") as f:
                html = f.read()
            self.assertIn("hvlab-report-provenance", html)
            self.assertIn("report-test-commit", html)
            self.assertIn("42", html)

    def test_lab_serves_notebooks_with_the_hvlab_kernel_by_default(self):
        # ./hvlab lab end to end: the URL with its token, the default kernelspec, a kernel started through the server,
        # and the kernel gone when the server is stopped
        import json
        import os
        import signal
        import socket
        import subprocess
        import urllib.request
        root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # lab installs its kernelspec: into a Jupyter data directory of its own, so that the kernelspec this suite
        # runs against (the Temurin 25 one in that stage) is left as it is
        import tempfile
        data_dir = tempfile.TemporaryDirectory()
        self.addCleanup(data_dir.cleanup)
        env = dict(os.environ, JUPYTER_DATA_DIR=data_dir.name)
        lab = subprocess.Popen([os.path.join(root, "hvlab"), "lab", "--no-browser", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                               env=env)
        try:
            url = None
            for line in lab.stdout:
                if line.startswith("hvlab lab: http://127.0.0.1:"):
                    url = line.split(": ", 1)[1].strip()
                    break
            self.assertIsNotNone(url, "./hvlab lab printed no URL")
            # keep reading the server's log so that a full pipe never blocks it
            import threading

            def drain():
                try:
                    for _ in lab.stdout:
                        pass
                except (OSError, ValueError):
                    pass
                finally:
                    lab.stdout.close()  # the server has exited: its log ends here

            threading.Thread(target=drain, daemon=True).start()
            self.assertIn(f":{port}/?token=", url)
            token = url.split("token=", 1)[1]

            def api(path, method="GET"):
                req = urllib.request.Request(f"http://127.0.0.1:{port}/api/{path}", method=method,
                                             headers={"Authorization": f"token {token}"},
                                             data=b"{}" if method == "POST" else None)
                with urllib.request.urlopen(req, timeout=30) as r:
                    return json.loads(r.read())

            deadline = time.monotonic() + 60
            while True:
                try:
                    specs = api("kernelspecs")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            self.assertEqual(specs["default"], "hvlab")
            kernel = api("kernels", method="POST")
            self.assertEqual(kernel["name"], "hvlab")
        finally:
            os.killpg(lab.pid, signal.SIGTERM)
            lab.wait(timeout=60)
        def running(kernel_id):
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        if kernel_id.encode() in f.read():
                            return True
                except OSError:
                    continue  # the process ended while we looked
            return False

        for _ in range(40):
            if not running(kernel["id"]):
                break
            time.sleep(0.25)
        else:
            self.fail("the kernel the lab started outlived it")

    def test_zz_the_kernel_still_runs_on_the_expected_jdk(self):
        # named to run last: no earlier test may have swapped the kernelspec this suite was started against
        import os
        expected = os.environ.get("HVLAB_EXPECT_JAVA_FEATURE", "17")
        self.flush_channels()
        reply, outputs = self.execute_helper("Runtime.version().feature()")
        self.assertEqual(reply["content"]["status"], "ok")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], expected)
        # and a kernel started afresh from the kernelspec as installed now
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name=self.kernel_name)
        try:
            reply = kc.execute_interactive("Runtime.version().feature()", timeout=60,
                                           output_hook=lambda m: outputs.append(m))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        fresh = [m for m in outputs if m["msg_type"] == "execute_result"][-1]
        self.assertEqual(fresh["content"]["data"]["text/plain"], expected)

    def test_the_background_warm_up_after_the_first_cell_is_invisible(self):
        # a fresh kernel warms its own message path between requests once its first cell has run: cells sent
        # meanwhile are counted, stored and answered as usual, no user code (a renderer that prints) runs for it, a
        # start-up message waits for a real cell, and nothing of it reaches any channel
        import os
        from jupyter_client.manager import start_new_kernel
        env = dict(os.environ, IJAVA_CLASSPATH="/nonexistent-hvlab/*.jar")
        km, kc = start_new_kernel(kernel_name=self.kernel_name, env=env)
        ours, iopub = set(), []

        def run(code):
            msg_id = kc.execute(code)
            ours.add(msg_id)
            reply = None
            while reply is None:
                m = kc.get_shell_msg(timeout=60)
                if m["parent_header"].get("msg_id") == msg_id:
                    reply = m
            while True:
                m = kc.get_iopub_msg(timeout=60)
                iopub.append(m)
                if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" \
                        and m["content"]["execution_state"] == "idle":
                    return reply["content"]

        def streams(msg_id):
            return "".join(m["content"]["text"] for m in iopub
                           if m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == msg_id)

        try:
            self.assertEqual(run("Math.max?")["status"], "ok")  # a help request first: no cell runs
            first = run('getKernelInstance().getRenderer().createRegistration(String.class)'
                        '.preferring(MIMEType.TEXT_PLAIN).register((s, ctx) -> { System.out.println("render hook ran");'
                        ' ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> s); });')
            self.assertEqual(first["status"], "ok", first)
            counts = [first["execution_count"]]
            for i in range(20):
                reply = run(f'"s" + {i}')
                self.assertEqual(reply["status"], "ok")
                counts.append(reply["execution_count"])
            self.assertEqual(counts, list(range(1, 22)))
            time.sleep(1.5)  # let the warm-up run on while idle: it must send nothing
            while True:
                try:
                    iopub.append(kc.get_iopub_msg(timeout=0.2))
                except Exception:
                    break
            self.assertEqual([(m["msg_type"], m["content"]) for m in iopub
                              if m["parent_header"].get("msg_id") not in ours], [])
            results = [m["content"]["data"]["text/plain"] for m in iopub if m["msg_type"] == "execute_result"]
            self.assertEqual(results, [f"s{i}" for i in range(20)])
            hooks = [mid for mid in ours if "render hook ran" in streams(mid)]
            self.assertEqual(len(hooks), 20)  # once under each real cell with a String value, never for the warm-up
            startup = [mid for mid in ours if "IJAVA_CLASSPATH: nothing matches" in streams(mid)]
            self.assertEqual(len(startup), 1)
            msg_id = kc.history(hist_access_type="tail", n=50)
            reply = kc.get_shell_msg(timeout=15)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual([h[2] for h in reply["content"]["history"]][1:], [f'"s" + {i}' for i in range(20)])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_output_of_a_background_thread_during_the_warm_up_reaches_its_cell(self):
        # the first cell starts a thread that keeps printing while the kernel warms up between requests: every line
        # must still arrive, under the cell that started the thread
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name=self.kernel_name)
        try:
            code = ('new Thread(() -> { for (int i = 0; i < 60; i++) { System.out.println("tick " + i); '
                    'try { Thread.sleep(20); } catch (InterruptedException e) { return; } } }).start();')
            early = []
            reply = kc.execute_interactive(code, timeout=60, output_hook=early.append)
            parent = reply["parent_header"]["msg_id"]
            text = "".join(m["content"]["text"] for m in early if m["msg_type"] == "stream")
            others = []
            deadline = time.time() + 10
            while "tick 59" not in text and time.time() < deadline:
                try:
                    m = kc.get_iopub_msg(timeout=0.5)
                except Exception:
                    continue
                if m["msg_type"] == "stream":
                    if m["parent_header"].get("msg_id") == parent:
                        text += m["content"]["text"]
                    else:
                        others.append(m)
            self.assertEqual(others, [])
            self.assertEqual(text.splitlines(), [f"tick {i}" for i in range(60)])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_comm_info_lists_no_comms(self):
        self.flush_channels()
        msg_id = self.kc.comm_info()
        reply = self.get_non_kernel_info_reply(timeout=15)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["msg_type"], "comm_info_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(reply["content"]["comms"], {})

    def test_inspect_with_the_cursor_at_the_end_of_an_identifier(self):
        self.flush_channels()
        msg_id = self.kc.inspect("System.out.println", cursor_pos=len("System.out.println"))
        reply = self.get_non_kernel_info_reply(timeout=15)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("println", reply["content"]["data"]["text/plain"])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
