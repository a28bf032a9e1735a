"""Executes hvlab notebooks headless through the hvlab kernel (nbclient) and optionally writes HTML reports.

Run by `./hvlab report` with Debian's /usr/bin/python3. Exit status: 0 when every notebook ran without a cell
error, 1 when any cell failed (each failure is printed as `FAILED <notebook>: cell <n>: <ename>: <evalue>`),
2 for bad arguments or a missing notebook.
"""
import argparse
import html
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def first_error(nb):
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return index, cell, out
    return None


def provenance_cell(provenance_html, notebook, quick, seconds):
    mode = "quick (HVLAB_QUICK=true)" if quick else "full"
    text = (
        "<div class=\"hvlab-report-provenance\"><b>hvlab report</b>: "
        + html.escape(os.path.basename(notebook))
        + f", {mode}, executed in {seconds:.1f} s"
        + provenance_html
        + "</div>"
    )
    return nbformat.v4.new_markdown_cell(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", help="directory for HTML reports (none written without it)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--kernel", default="hvlab")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--provenance-html", help="file with the provenance table to put in each report")
    args = parser.parse_args()

    # notebooks read it with Boolean.parseBoolean, which takes only "true"
    os.environ["HVLAB_QUICK"] = "true" if args.quick else "false"
    provenance_html = ""
    if args.provenance_html:
        with open(args.provenance_html, encoding="utf-8") as f:
            provenance_html = f.read()
    exporter = None
    if args.out:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter()
        os.makedirs(args.out, exist_ok=True)

    failures = 0
    for path in args.notebooks:
        if not os.path.isfile(path):
            print(f"FAILED {path}: no such notebook", flush=True)
            return 2
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name=args.kernel,
            timeout=args.timeout,
            allow_errors=True,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        )
        start = time.monotonic()
        try:
            client.execute()
        except (CellTimeoutError, DeadKernelError, CellExecutionError) as e:
            print(f"FAILED {path}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", flush=True)
            failures += 1
            continue
        seconds = time.monotonic() - start
        err = first_error(nb)
        if err is not None:
            index, cell, out = err
            count = cell.get("execution_count")
            print(
                f"FAILED {path}: cell {index} (In [{count}]): {out.get('ename')}: {out.get('evalue')}",
                flush=True,
            )
            failures += 1
        else:
            print(f"ok {path} ({seconds:.1f} s)", flush=True)
        if exporter is not None:
            nb.cells.insert(0, provenance_cell(provenance_html, path, args.quick, seconds))
            body, _ = exporter.from_notebook_node(nb)
            name = os.path.splitext(os.path.basename(path))[0] + ".html"
            target = os.path.join(args.out, name)
            with open(target, "w", encoding="utf-8") as f:
                f.write(body)
            print(f"wrote {target}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
