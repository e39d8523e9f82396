"""How soon the app page is usable in a browser, against a bare one-widget Voila page served alongside.

    make bench            # or: .venv/bin/python benchmarks/browser_bench.py [--repeat 5]

Four servers run side by side on 127.0.0.1, all on the same one-year synthetic journal:

- bare page: a notebook with one slider, served by plain Voila (a kernel started per page load);
- bare page, warm: the same notebook served the way ``ghw app`` serves the app (ghw.server, a kernel kept warm);
- app before: the app notebook served by plain Voila, as ``ghw app`` did before ghw.server;
- app now: ``ghw app`` as it is (ghw.server.app_command).

Each round opens each page once in headless Chromium, in turn, and times from the start of navigation until the
form's Save button (or the slider) is on screen; on the app pages it then saves an entry (click to "✓ Saved").
Medians of the rounds are printed, with ratios to the bare page.
Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from ghw import paths, server

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
BARE = {
    "cells": [{"cell_type": "code", "id": "slider", "metadata": {}, "outputs": [], "execution_count": None,
               "source": "import ipywidgets\n\nipywidgets.IntSlider(description='bare')"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _plain_voila(notebook: Path, port: int) -> list[str]:
    """Voila as ghw app ran it before ghw.server."""
    return ["-m", "voila", str(notebook), "--Voila.ip=127.0.0.1", f"--port={port}", "--theme=light",
            "--VoilaConfiguration.file_denylist=.*"]


def _warm_voila(notebook: Path, port: int) -> list[str]:
    """The app's server settings around another notebook."""
    command = server.app_command(port)
    command[2] = str(notebook)
    return command


def _start(args: list[str], port: int, env: dict, log: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, *args, "--no-browser"], env=env, stdout=log.open("w"),
                               stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=5)
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(log.read_text()) from None
            time.sleep(0.5)
    raise SystemExit(f"{args} did not answer within 120 s")


def _open(browser, url: str, ready: str, app: bool) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    page.set_default_timeout(180_000)
    times = {}
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(ready, state="visible")
    times["ready"] = time.perf_counter() - start
    if app:
        page.fill(".ghw-person input", "Bench")
        page.select_option(".ghw-relationship select", "friend")
        start = time.perf_counter()
        page.click(".ghw-save")
        page.wait_for_selector(".ghw-status >> text=✓ Saved")
        times["save"] = time.perf_counter() - start
    page.goto("about:blank")  # leaving the page lets Voila shut its kernel down, as a person closing the tab would
    page.wait_for_timeout(500)
    page.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="ghw-browser-bench-") as folder:
        folder = Path(folder)
        journal = folder / "journal.csv"
        subprocess.run([sys.executable, "-m", "ghw", "sample", "--days", "365", "--seed", "3", "--out", str(journal)],
                       check=True, capture_output=True)
        bare = folder / "bare.ipynb"
        bare.write_text(json.dumps(BARE))
        env = {**os.environ, "GHW_JOURNAL": str(journal), "JUPYTER_RUNTIME_DIR": str(folder / "runtime")}
        app = paths.notebooks_dir() / "app.ipynb"
        pages = {  # name: (command builder, notebook, selector, is the app)
            "bare page": (_plain_voila, bare, ".widget-slider", False),
            "bare page, warm": (_warm_voila, bare, ".widget-slider", False),
            "app before": (_plain_voila, app, ".ghw-save", True),
            "app now": (server.app_command, app, ".ghw-save", True),
        }
        servers, urls = [], {}
        try:
            for name, (build, notebook, _, _) in pages.items():
                port = _free_port()
                command = build(port) if build is server.app_command else build(notebook, port)
                servers.append(_start(command, port, env, folder / f"{name}.log"))
                urls[name] = f"http://127.0.0.1:{port}/"
            time.sleep(15)  # warm kernels load ghw before the first round
            results = {name: [] for name in pages}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                for round_ in range(args.repeat):
                    for name, (_, _, ready, is_app) in pages.items():
                        results[name].append(_open(browser, urls[name], ready, is_app))
                    time.sleep(3)  # the warm pools refill
                    print(f"round {round_ + 1} of {args.repeat} done", file=sys.stderr)
                browser.close()
        finally:
            for process in servers:
                process.terminate()
            for process in servers:
                process.wait(timeout=60)
    base = statistics.median(r["ready"] for r in results["bare page"])
    print(f"\nApp page in headless Chromium, one-year journal; median of {args.repeat} rounds, seconds\n")
    print(f"{'page':<18}{'usable':>8}{'× bare':>8}{'save':>8}")
    for name, runs in results.items():
        ready = statistics.median(r["ready"] for r in runs)
        save = f"{statistics.median(r['save'] for r in runs):8.2f}" if "save" in runs[0] else f"{'':>8}"
        print(f"{name:<18}{ready:8.2f}{ready / base:8.2f}{save}")
    print("\nTarget: 'app now' usable within 1.2 × the bare page.")


if __name__ == "__main__":
    main()
