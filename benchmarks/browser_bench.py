"""How soon the app page is usable in a browser, before and after a change of the app's code, against a bare page.

    make bench            # or: .venv/bin/python benchmarks/browser_bench.py [--repeat 5] [--before REV]

Every page is served the way ``ghw app`` serves the app (ghw.server.app_command: a kernel kept warm, the kernel
bound, culling), on 127.0.0.1, each by its own server:

- bare page: a notebook with one slider;
- app before, 1 and 10 years: the app's code as it was at ``--before`` (default ``27509f8^``, before tabs were built
  on first opening and the findings kept until the journal changes), taken from git into a temporary folder and put
  first on the kernels' PYTHONPATH; the server itself and the app notebook are today's, so only the app differs
  (the notebook waits for its page with Voilà's helper imported directly, as it did before ``wait_for_page``);
- app now, 1 and 10 years: the working tree.

The journals are synthetic (ghw.sample, one and ten years). Each round opens each page once in headless Chromium,
in turn, and measures

- usable: from the start of navigation until the Save button (or the slider) is on screen;
- save: from a click on Save until the form says "✓ Saved";
- Reflect: from a click on the Reflect tab until the first finding's sentence and chart are on screen *and* the
  kernel has finished what the click asked of it (the kernel says so on the websocket: its "idle" status answering
  the click). The old app drew its Reflect tab with the form and redrew it at each opening, so its tab showed at
  once while the kernel, busy redrawing, answered nothing else; both count here;
- charts: from the same click until every chart of the tab is drawn.

Once, on a phone-sized page (390 × 844) of the app now over the 1-year journal (which knows "Sam"), it also counts the
short path: where Save's bottom edge is on first open (it must be within 844 px), the taps to a mood-only entry, and
the taps to a mood with a known person and how connected (with the name's first letters typed).

Between two pages the bench waits until the servers are quiet again (a new warm kernel loads ghw after each page).
Medians of the rounds are printed, with ratios to the bare page. Before the first round, it also reads how much CPU
each server's warm kernel used to get ready for its page ("warm CPU"). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

from ghw import journal, paths, sample, server

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
BARE = {
    "cells": [{"cell_type": "code", "id": "slider", "metadata": {}, "outputs": [], "execution_count": None,
               "source": "import ipywidgets\n\nipywidgets.IntSlider(description='bare')"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}
JOURNALS = {"1 year": 365, "10 years": 3650}
TAB = ".lm-TabBar-tabLabel, .p-TabBar-tabLabel"
# The first finding's sentence and chart, drawn (an <img> is on screen only once its PNG has arrived and decoded).
FIRST_FINDING = ("(() => { const page = document.querySelector('.ghw-reflect'); if (!page) return false;"
                 " const img = page.querySelector('img'); const b = page.querySelector('p > b, .ghw-answers li');"
                 " return !!(img && b && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0); })()")
ALL_CHARTS = ("(() => { const imgs = [...document.querySelectorAll('.ghw-reflect img')];"
              " return imgs.length > 0 && imgs.every(i => i.naturalWidth > 0); })()")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _served(notebook: Path, port: int) -> list[str]:
    """The app's server settings around ``notebook``."""
    command = server.app_command(port)
    command[2] = str(notebook)
    return command


def _start(args: list[str], port: int, env: dict, log: Path) -> subprocess.Popen:
    # -E: the server is today's ghw whatever PYTHONPATH says; its kernels inherit PYTHONPATH and import from it.
    process = subprocess.Popen([sys.executable, "-E", *args, "--no-browser"], env=env, stdout=log.open("w"),
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


def _quiet(servers: list[subprocess.Popen], seconds: float = 90) -> None:
    """Wait until the servers and their kernels use under a tenth of a core (warm kernels have loaded ghw)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        processes = []
        for process in servers:
            try:
                root = psutil.Process(process.pid)
                processes += [root, *root.children(recursive=True)]
            except psutil.Error:
                pass
        busy = 0.0
        for process in processes:
            try:
                process.cpu_percent(None)
            except psutil.Error:
                pass
        time.sleep(1)
        for process in processes:
            try:
                busy += process.cpu_percent(None)
            except psutil.Error:
                pass
        if busy < 10:
            return


def _kernel_cpu(server: subprocess.Popen) -> float:
    """CPU seconds used so far by the kernels of ``server`` (its warm kernel, before any page)."""
    total = 0.0
    for child in psutil.Process(server.pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                times = child.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            pass
    return total


def waiting_as_before(app: Path, folder: Path) -> Path:
    """Today's app notebook, waiting for its page as it did before ``wait_for_page`` (which older ghw lacks)."""
    notebook = json.loads(app.read_text())
    for cell in notebook["cells"]:
        if "wait_for_page()" in "".join(cell["source"]):
            cell["source"] = "from voila.utils import wait_for_request\n\nfrom ghw.widgets import App\n\nwait_for_request()"
    path = folder / "app-before.ipynb"
    path.write_text(json.dumps(notebook))
    return path


def old_code(rev: str, folder: Path) -> Path:
    """The ``ghw`` package as it was at ``rev``, unpacked from this clone's git history into ``folder``."""
    clone = Path(__file__).resolve().parent.parent
    try:
        archive = subprocess.run(["git", "-C", str(clone), "archive", "--format=tar", rev, "ghw"], check=True,
                                 capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        why = exc.stderr.decode(errors="replace").strip() if isinstance(exc, subprocess.CalledProcessError) else exc
        raise SystemExit(f"cannot take ghw at {rev} from git in {clone} ({why}); the bench needs a git clone, "
                         "and --before a revision in it") from None
    folder.mkdir()
    with tempfile.TemporaryFile() as tar:
        tar.write(archive)
        tar.seek(0)
        tarfile.open(fileobj=tar).extractall(folder, filter="data")
    return folder


# -- the kernel's answers, read off the page's websocket --------------------------------------------------------------


def _parts(payload: str | bytes) -> tuple[dict, dict, dict]:
    """Header, parent header and content of one kernel message, in either websocket protocol Jupyter speaks."""
    if isinstance(payload, str):
        message = json.loads(payload)
        return message.get("header", {}), message.get("parent_header", {}), message.get("content", {})
    if payload[:1] == b"{":
        return _parts(payload.decode("utf-8"))
    count = int.from_bytes(payload[:8], "little")  # v1.kernel.websocket.jupyter.org: offsets, then the parts
    offsets = [int.from_bytes(payload[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    if count < 6:
        return {}, {}, {}
    header, parent, _, content = (json.loads(payload[offsets[i]:offsets[i + 1]] or b"{}") for i in range(1, 5))
    return header, parent, content


class Kernel:
    """What the page sent to its kernel and what the kernel answered: enough to know when the kernel is done."""

    def __init__(self, page):
        self.sent: list[str] = []  # ids of the page's messages, in order
        self.done: set[str] = set()  # ids the kernel has answered with "idle"
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        ws.on("framesent", self._sent)
        ws.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        header, _, _ = _parts(payload)
        if header.get("msg_type") == "comm_msg":
            self.sent.append(header["msg_id"])

    def _received(self, payload) -> None:
        if b"execution_state" not in (payload if isinstance(payload, bytes) else payload.encode()):
            return
        _, parent, content = _parts(payload)
        if content.get("execution_state") == "idle" and parent.get("msg_id"):
            self.done.add(parent["msg_id"])

    def mark(self) -> int:
        return len(self.sent)

    def wait(self, page, since: int, seconds: float = 300) -> None:
        """Until the kernel has answered every message the page sent since ``since``."""
        deadline = time.monotonic() + seconds
        while not (len(self.sent) > since and set(self.sent[since:]) <= self.done):
            if time.monotonic() > deadline:
                raise TimeoutError("the kernel did not answer within 300 s")
            page.wait_for_timeout(20)


# -- one visit --------------------------------------------------------------------------------------------------------


def _open(browser, url: str, ready: str, app: bool) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    page.set_default_timeout(300_000)
    kernel = Kernel(page)
    times = {}
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(ready, state="visible")
    times["ready"] = time.perf_counter() - start
    if app:
        mood = page.get_by_role("radio", name="6", exact=True)
        if mood.count():  # the app before had a mood chosen already
            mood.click()
        page.fill(".ghw-person input", "Bench")
        page.select_option(".ghw-relationship select", "friend")
        mark = kernel.mark()
        start = time.perf_counter()
        page.click(".ghw-save")
        page.wait_for_selector(".ghw-status >> text=✓ Saved")
        times["save"] = time.perf_counter() - start
        kernel.wait(page, mark)  # the form has also re-read its recent entries
        mark = kernel.mark()
        start = time.perf_counter()
        page.locator(TAB, has_text="Reflect").first.click()
        page.wait_for_function(FIRST_FINDING, polling=20)
        shown = time.perf_counter() - start
        kernel.wait(page, mark)
        times["reflect"] = max(shown, time.perf_counter() - start)
        page.wait_for_function(ALL_CHARTS, polling=20)
        times["charts"] = time.perf_counter() - start
    page.goto("about:blank")  # leaving the page lets Voila shut its kernel down, as a person closing the tab would
    page.wait_for_timeout(500)
    page.close()
    return times


def phone(browser, url: str) -> dict[str, float]:
    """The short path on a 390 × 844 page: Save's bottom edge on first open, and the taps of two entries."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    page.set_default_timeout(300_000)
    page.goto(url)
    page.wait_for_selector(".ghw-save", state="visible")
    box = page.locator(".ghw-save").bounding_box()
    taps = 0

    def tap(locator):
        nonlocal taps
        locator.click()
        taps += 1

    tap(page.get_by_role("radio", name="7", exact=True))
    tap(page.locator(".ghw-save"))
    page.wait_for_selector(".ghw-day-card")
    mood_only, taps = taps, 0
    tap(page.get_by_role("radio", name="6", exact=True))
    tap(page.locator(".ghw-person input"))
    page.keyboard.type("sa")
    tap(page.locator(".ghw-person button", has_text="Sam ·").first)
    tap(page.locator(".ghw-quality button", has_text="4"))
    tap(page.locator(".ghw-save"))
    page.wait_for_selector(".ghw-day-card >> text=Time with Sam")
    page.goto("about:blank")
    page.wait_for_timeout(500)
    page.close()
    return {"save bottom": box["y"] + box["height"], "mood only": mood_only, "with a person": taps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--before", default="27509f8^", help="git revision of the app before (default 27509f8^)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="ghw-browser-bench-") as folder:
        folder = Path(folder)
        before = old_code(args.before, folder / "before")
        bare = folder / "bare.ipynb"
        bare.write_text(json.dumps(BARE))
        app = paths.notebooks_dir() / "app.ipynb"
        token = secrets.token_urlsafe(16)  # every page is served as `ghw app` serves it: with a token
        base_env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(folder / "runtime"), server.TOKEN_VARIABLE: token}
        base_env.pop("PYTHONPATH", None)
        pages = {"bare page": (bare, dict(base_env, GHW_JOURNAL=str(folder / "bare.csv")), ".widget-slider", False)}
        for name, days in JOURNALS.items():
            path = folder / f"{days}.csv"
            journal.create(path, sample.generate(days, seed=1, end="2026-10-31"))
            for version in ("before", "now"):
                copy = folder / f"{version}-{days}.csv"  # each server saves into its own copy
                copy.write_bytes(path.read_bytes())
                env = dict(base_env, GHW_JOURNAL=str(copy))
                if version == "before":
                    env["PYTHONPATH"] = str(before)
                notebook = app if version == "now" else waiting_as_before(app, folder)
                pages[f"app {version}, {name}"] = (notebook, env, ".ghw-save", True)
        servers, urls = [], {}
        try:
            for name, (notebook, env, _, _) in pages.items():
                port = _free_port()
                servers.append(_start(_served(notebook, port), port, env, folder / f"{name}.log"))
                urls[name] = f"http://127.0.0.1:{port}/?token={token}"
            _quiet(servers)  # warm kernels load ghw before the first round
            warm_cpu = {name: _kernel_cpu(process) for name, process in zip(pages, servers)}
            results = {name: [] for name in pages}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                short_path = phone(browser, urls["app now, 1 year"])
                _quiet(servers)
                for round_ in range(args.repeat):
                    for name, (_, _, ready, is_app) in pages.items():
                        results[name].append(_open(browser, urls[name], ready, is_app))
                        _quiet(servers)
                    print(f"round {round_ + 1} of {args.repeat} done", file=sys.stderr, flush=True)
                browser.close()
        finally:
            for process in servers:
                process.terminate()
            for process in servers:
                process.wait(timeout=60)
    table(results, warm_cpu, args.repeat, args.before)
    print(f"\nPhone, 390 × 844, first open: Save's bottom edge at {short_path['save bottom']:.0f} px (screen: 844); "
          f"taps to a mood-only entry {short_path['mood only']}, to a mood with a known person and how connected "
          f"{short_path['with a person']} (targets: on the first screen, 2, at most 5).")


def table(results: dict[str, list[dict[str, float]]], warm_cpu: dict[str, float], repeat: int, before: str) -> None:
    def median(runs, key):
        return statistics.median(r[key] for r in runs)

    base = median(results["bare page"], "ready")
    print(f"\nThe app page in headless Chromium, served as `ghw app` serves it; median of {repeat} rounds, seconds. "
          f"'before' is the app at {before}.\n")
    print(f"{'page':<24}{'usable':>8}{'× bare':>8}{'save':>8}{'Reflect':>9}{'charts':>8}{'warm CPU':>10}")
    for name, runs in results.items():
        row = f"{name:<24}{median(runs, 'ready'):8.2f}{median(runs, 'ready') / base:8.2f}"
        if "save" in runs[0]:
            row += f"{median(runs, 'save'):8.2f}{median(runs, 'reflect'):9.2f}{median(runs, 'charts'):8.2f}"
        else:
            row += " " * 25
        print(row + f"{warm_cpu[name]:10.2f}")
    for name in results:
        if name.startswith("app now"):
            now, old = results[name], results[name.replace("now", "before")]
            print(f"{name}: usable {median(now, 'ready') / median(old, 'ready'):.2f}× before, Reflect "
                  f"{median(now, 'reflect') / median(old, 'reflect'):.2f}× before")
    print("\nTargets: 'app now' usable within 1.5 × the bare page; Reflect's first content within 1 s on 1 year, "
          "3 s on 10 years.")
    print("Reflect: until the first finding is on screen and the kernel has done what the click asked; "
          "charts: until every chart is drawn; warm CPU: CPU seconds the server's warm kernel used to get ready.")


if __name__ == "__main__":
    main()
