"""Jupyter's own conformance suite (python3-jupyter-kernel-test 0.4.5) against the installed `hvlab` kernelspec.

Run with Debian's python:  /usr/bin/python3 -m unittest -v kernel-ext/src/test/python/test_hvlab_kernel.py
(or run this file directly). Every sample attribute is filled in, so no check is skipped; the process exits
non-zero if any check fails. Install the kernelspec first: ./hvlab kernel install.
"""
import sys
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


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
