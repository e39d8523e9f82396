"""The app and lab servers as a stranger, a script and a person see them: real servers, real kernels, real sockets."""

import asyncio
import datetime as dt
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
import websockets

import ghw
from ghw import cli, server

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
# Short culling and a small bound, so that a soak sees both within a test's time.
LIMIT = 4
QUICK = {"max_kernels": LIMIT, "idle_seconds": 4, "cull_every": 1}
MARKER = "Zebediah"  # a name in the journal: no response of the server may ever hold it


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium before the tests")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    journal = folder / "journal.csv"
    ghw.append(journal, {"date": "2026-11-01", "time": "09:00", "mood": 6, "person": MARKER, "relationship": "friend"})
    environment = os.environ.copy()
    environment.update(GHW_JOURNAL=str(journal), JUPYTER_RUNTIME_DIR=str(folder / "runtime"),
                       JUPYTER_CONFIG_DIR=str(folder / "config"), JUPYTERLAB_SETTINGS_DIR=str(folder / "settings"),
                       JUPYTERLAB_WORKSPACES_DIR=str(folder / "workspaces"), JUPYTER_DATA_DIR=str(folder / "data"))
    return environment, folder


def _wait_until_up(process, host, port, log, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, Path(log).read_text()
        try:
            with socket.create_connection((host, port), timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{host}:{port} did not open within {seconds} s")


def _stop(process, seconds=30) -> float:
    """SIGTERM, as a service manager or Ctrl+C would; return how long the server took to go."""
    start = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"the server ignored SIGTERM for {seconds} s") from None
    return time.monotonic() - start


@pytest.fixture(scope="module")
def app(env):
    """The app as `ghw app` serves it, on 127.0.0.1, with quick culling."""
    environment, folder = env
    port = _free_port()
    log = folder / "app.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, *server.app_command(port, **QUICK), "--no-browser"], env=environment, stdout=out,
                                   stderr=subprocess.STDOUT)
    _wait_until_up(process, "127.0.0.1", port, log)
    yield port, process, log
    if process.poll() is None:
        _stop(process)


def _get(port, path="/", host=None, headers=None, address="127.0.0.1", timeout=120):
    connection = http.client.HTTPConnection(address, port, timeout=timeout)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"{address}:{port}")
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body, dict(response.getheaders())


def _kernel_id(page: str) -> str:
    return re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)


def _message(msg_type, content, session, metadata=None):
    header = {"msg_id": uuid.uuid4().hex, "username": "test", "session": session, "msg_type": msg_type,
              "version": "5.3", "date": ""}
    return json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content,
                       "channel": "shell", "buffers": []})


async def _request_states(url, *, host=None, origin=None, wait=True):
    """The widget manager's opening move, by a script: open the control comm, ask for every widget's state.

    Speaks the older JSON protocol (no subprotocol), as simple clients do. With ``wait``, returns the reply that
    carries the states (binary when some widget holds buffers, text otherwise); without, disconnects at once.
    """
    session = uuid.uuid4().hex
    parsed = urllib.parse.urlsplit(url)
    sock = socket.create_connection((parsed.hostname, parsed.port))
    if host:  # speak to 127.0.0.1 while naming another host, as a rebinding page would
        url = url.replace(parsed.netloc, host)
    async with websockets.connect(f"{url}?session_id={session}", sock=sock, origin=origin, max_size=None,
                                  open_timeout=30) as ws:
        comm = uuid.uuid4().hex
        await ws.send(_message("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
                               session, metadata={"version": "1.0.0"}))
        await ws.send(_message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, session))
        if not wait:
            return None
        while True:
            frame = await asyncio.wait_for(ws.recv(), 60)
            frame = frame if isinstance(frame, bytes) else frame.encode("utf-8")
            if b"update_states" in frame:
                return frame


def _kernels(process) -> list[psutil.Process]:
    """The server's kernel processes, one per kernel.

    A kernel that starts a subprocess briefly has a child with its own command line (between fork and exec): each
    kernel's connection file, in that command line, is counted once.
    """
    kernels = {}
    for child in psutil.Process(process.pid).children(recursive=True):
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:  # a kernel that has just ended
            continue
        if "ipykernel_launcher" in command:
            kernels.setdefault(command, child)
    return list(kernels.values())


def _settled(process) -> tuple[int, int]:
    """Memory once only the warm kernel is left and has stopped growing (it loads ghw, then waits for a page)."""
    deadline = time.monotonic() + 90
    last = (0, 0)
    while time.monotonic() < deadline:
        now = _memory(process)
        if len(_kernels(process)) == 1 and abs(now[1] - last[1]) < 5:
            return now
        last = now
        time.sleep(2)
    raise AssertionError(f"{len(_kernels(process))} kernels are still running after 90 s")


def _memory(process) -> tuple[int, int]:
    """Server RSS and server-plus-kernels RSS, in MB."""
    main = psutil.Process(process.pid).memory_info().rss
    kernels = 0
    for kernel in _kernels(process):
        try:
            kernels += kernel.memory_info().rss
        except psutil.Error:
            pass
    return main // 2**20, (main + kernels) // 2**20


# -- command line -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("port", ["-1", "0", "99999"])
def test_a_port_out_of_range_gets_one_plain_line(port, capsys):
    assert cli.main(["app", "--port", port, "--no-browser"]) == 2
    assert capsys.readouterr().err == f"ghw: --port must be a number from 1 to 65535; got {port}.\n"


def test_a_port_in_use_gets_one_plain_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["app", "--port", str(port), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ghw: Cannot listen on 127.0.0.1:{port}") and err.count("\n") == 1


def test_a_certificate_that_cannot_be_used_gets_one_plain_line(tmp_path, capsys):
    bad = tmp_path / "cert.pem"
    bad.write_text("not a certificate")
    assert cli.main(["app", "--certfile", str(bad), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ghw: Cannot serve HTTPS with {bad}") and err.count("\n") == 1


# -- Host check -------------------------------------------------------------------------------------------------------


def test_only_its_own_address_is_answered(app):
    port, _, _ = app
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "127.0.0.1"):
        for path in ("/", "/voila/static/voila.js", f"/api/kernels/{uuid.uuid4()}/channels"):
            status, body, _ = _get(port, path, host=host)
            assert status == 403, (host, path, status)
            assert MARKER not in body
    status, body, _ = _get(port, host=f"localhost:{port}")  # 127.0.0.1 is the next test's
    assert status == 200 and "jupyter.widget" in body


def test_a_rebinding_page_cannot_reach_the_kernel(app):
    port, _, _ = app
    status, page, _ = _get(port)
    url = f"ws://127.0.0.1:{port}/api/kernels/{_kernel_id(page)}/channels"
    evil = f"evil.example:{port}"
    with pytest.raises(websockets.InvalidStatus) as refused:
        asyncio.run(_request_states(url, host=evil, origin=f"http://{evil}"))
    assert refused.value.response.status_code == 403
    # The same socket with the server's own name goes through: the refusal was the Host's doing.
    states = asyncio.run(_request_states(url, origin=f"http://127.0.0.1:{port}"))
    assert b"update_states" in states


# -- memory and kernels -----------------------------------------------------------------------------------------------


def test_request_states_then_disconnect_leaves_the_server_well(app, env):
    """Widget states (binary) sent to a client of the JSON protocol used to make the server grow without end.

    The states also show that the kernel kept warm built its form when the page opened, not when it was warmed.
    """
    port, process, _ = app
    _settled(process)  # the warm kernel has loaded ghw and waits for a page
    ghw.append(Path(env[0]["GHW_JOURNAL"]), {"date": dt.date.today(), "mood": 7, "person": "Freshly added",
                                                   "relationship": "friend"})
    _, page, _ = _get(port)
    url = f"ws://127.0.0.1:{port}/api/kernels/{_kernel_id(page)}/channels"
    before, _ = _memory(process)
    states = asyncio.run(_request_states(url))
    assert b"update_states" in states and b"ghw-save" in states
    assert b"Freshly added" in states
    asyncio.run(_request_states(url, wait=False))  # ask, and go before the answer
    time.sleep(3)
    after, _ = _memory(process)
    assert after - before < 150, (before, after)
    status, _, _ = _get(port, "/voila/static/voila.js", timeout=10)  # still answering
    assert status == 200


def test_soak_kernels_and_memory_stay_bounded_and_come_back(app):
    """Thirty page loads opened and dropped, some with the request_states sequence: bounded, then back to the start."""
    port, process, log = app
    start_server, start_total = _settled(process)  # earlier tests' kernels are culled first
    peaks = {"kernels": 0, "server": 0, "total": 0}
    done = threading.Event()

    def watch():
        while not done.is_set():
            peaks["kernels"] = max(peaks["kernels"], len(_kernels(process)))
            server_mb, total_mb = _memory(process)
            peaks["server"] = max(peaks["server"], server_mb)
            peaks["total"] = max(peaks["total"], total_mb)
            time.sleep(0.25)

    def load(_):
        try:
            status, page, _ = _get(port, timeout=60)
        except (OSError, http.client.HTTPException):
            return "dropped"
        if status == 200:  # a script's visit: ask for the states, take them, go
            url = f"ws://127.0.0.1:{port}/api/kernels/{_kernel_id(page)}/channels"
            asyncio.run(_request_states(url))
        return status

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(load, range(30)))
    finally:
        done.set()
        watcher.join()
    assert statuses.count(200) >= 4, statuses
    assert set(statuses) <= {200, 503}, statuses
    assert peaks["kernels"] <= LIMIT, peaks
    assert peaks["server"] < start_server + 200, (start_server, peaks)
    assert peaks["total"] < start_total + LIMIT * 400, (start_total, peaks)
    # Nobody is connected any more: culling brings the server back to its one warm kernel.
    end_server, end_total = _settled(process)
    print(f"soak: {statuses.count(200)} pages, {statuses.count(503)} refused; MB server/all: start "
          f"{start_server}/{start_total}, peak {peaks['server']}/{peaks['total']} with {peaks['kernels']} kernels, "
          f"end {end_server}/{end_total}")
    assert end_server < start_server + 100 and end_total < start_total + 150, (start_server, start_total, end_server,
                                                                                end_total)
    assert _stop(process) < 20


# -- --lan ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lan(env):
    """`ghw app --lan` as a person starts it: the address with its token is read from what it prints."""
    try:
        address = server.lan_address()
    except ghw.GhwError:
        pytest.skip("this machine has no network address")
    environment, folder = env
    port = _free_port()
    log = folder / "lan.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "ghw", "app", "--lan", "--port", str(port)],
                                   env=environment, stdout=out, stderr=subprocess.STDOUT)
    _wait_until_up(process, address, port, log)
    printed = log.read_text()
    url = re.search(rf"http://{re.escape(address)}:{port}/\?token=[\w-]+", printed).group(0)
    yield url, address, port, printed
    _stop(process)


def test_lan_prints_the_address_a_qr_code_and_a_warning(lan):
    url, _, _, printed = lan
    assert "home network" in printed and "share it with no one" in printed and "not encrypted" in printed
    assert "█" in printed or "▀" in printed  # the QR code, drawn in the terminal
    assert len(urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["token"][0]) >= 24


def test_lan_without_the_token_gets_nothing(lan):
    url, address, port, _ = lan
    for path in ("/", "/?token=wrong"):
        status, body, headers = _get(port, path, address=address)
        # A login page that asks for the token, never the app or a kernel.
        assert status in (302, 403), (path, status)
        assert status == 403 or headers["Location"].startswith("/login"), headers
        assert "kernelId" not in body and MARKER not in body
    status, page, _ = _get(port, urllib.parse.urlsplit(url).path + "?" + urllib.parse.urlsplit(url).query,
                           address=address)
    assert status == 200
    channels = f"ws://{address}:{port}/api/kernels/{_kernel_id(page)}/channels"
    with pytest.raises(websockets.InvalidStatus) as refused:
        asyncio.run(_request_states(channels))
    assert refused.value.response.status_code == 403
    status, _, _ = _get(port, address=address, host=f"127.0.0.1:{port}")
    assert status == 403  # nor under another name


def test_lan_serves_no_file_even_with_the_token(lan, env):
    url, address, port, _ = lan
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["token"][0]
    journal = Path(env[0]["GHW_JOURNAL"])
    paths = ["/files/journal.csv", "/voila/files/journal.csv", f"/voila/files/{journal}", "/voila/files/app.ipynb",
             "/voila/files/../data/sample_journal.csv", "/voila/files/%2e%2e/data/sample_journal.csv",
             "/voila/static/../../../../../../../../../" + str(journal).lstrip("/"),
             "/voila/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/" + str(journal).lstrip("/"),
             "/voila/templates/../../" + str(journal).lstrip("/"), "/static/journal.csv", f"/static/{journal}",
             "/api/contents", "/api/contents/journal.csv", "/tree", f"/voila/render/{journal}", "/journal.csv",
             "/app.ipynb", "/voila/api/themes/../../journal.csv", "/voila/labextensions/../../journal.csv"]
    for path in paths:
        sep = "&" if "?" in path else "?"
        status, body, headers = _get(port, f"{path}{sep}token={token}", address=address)
        assert MARKER not in body and "sample_journal" not in body.lower() or status != 200, path
        assert "date,time,mood" not in body, path
        assert status in (301, 302, 403, 404, 405, 500), (path, status)  # Voila's templates handler errs on '..'
        assert "Traceback" not in body, path
        if status in (301, 302):
            status, body, _ = _get(port, headers["Location"], address=address)
            assert "date,time,mood" not in body and MARKER not in body, path


@pytest.mark.browser
def test_lan_with_the_token_shows_the_form(lan):
    url, _, _, _ = lan
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.set_default_timeout(120_000)
        page.goto(url)
        page.wait_for_selector(".ghw-save")
        assert MARKER in page.inner_text(".ghw-log")  # the recent entries: the journal, read when the page opened
        browser.close()


def test_lan_over_https(env, tmp_path):
    """--certfile and --keyfile: the app is served over TLS, and plain HTTP gets nothing."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    try:
        address = server.lan_address()
    except ghw.GhwError:
        pytest.skip("this machine has no network address")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=ghw"], check=True, capture_output=True)
    port = _free_port()
    log = tmp_path / "https.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "ghw", "app", "--lan", "--port", str(port), "--certfile",
                                    str(cert), "--keyfile", str(key)], env=env[0], stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(process, address, port, log)
        url = re.search(rf"https://{re.escape(address)}:{port}/\?token=[\w-]+", log.read_text()).group(0)
        assert "not encrypted" not in log.read_text()
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # self-signed, as at home
        static = url.replace("/?", "/voila/static/voila.js?")
        with urllib.request.urlopen(static, context=context, timeout=60) as response:
            assert response.status == 200
        with pytest.raises((http.client.HTTPException, OSError)):
            _get(port, "/voila/static/voila.js", address=address, timeout=10)  # plain HTTP on the TLS port
    finally:
        _stop(process)


# -- JupyterLab -------------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_jupyterlab_sends_nothing_outside_and_asks_nothing(env, tmp_path, monkeypatch):
    """A first JupyterLab session: open a notebook, run a cell; every request stays on 127.0.0.1, no news pop-up."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    environment, _ = env
    environment = {**environment, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "fresh-settings")}  # a new user
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", environment["JUPYTER_RUNTIME_DIR"])
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "hello.ipynb").write_text(json.dumps({
        "cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "outputs": [], "execution_count": None,
                   "source": "print(6 * 7)"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    port, token = _free_port(), secrets.token_hex(16)
    log = tmp_path / "lab.log"
    own = [arg for arg in server.lab_command() if not arg.startswith("--ServerApp.root_dir=")]  # a folder of our own
    command = [sys.executable, *own, "--no-browser", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}"]
    with open(log, "w") as out:
        process = subprocess.Popen(command, env=environment, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(process, "127.0.0.1", port, log)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.set_default_timeout(120_000)
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(f"http://127.0.0.1:{port}/lab/tree/hello.ipynb?token={token}")
            page.wait_for_selector("text=Python 3 (ipykernel) | Idle")
            page.locator(".jp-Cell").first.click()
            page.keyboard.press("Shift+Enter")
            page.wait_for_selector(".jp-OutputArea-output >> text=42")
            page.wait_for_timeout(3000)  # time for any late announcement or update check
            assert page.locator(".jp-Notification-Toast, .Toastify__toast").filter(has_text="news").count() == 0
            assert page.get_by_text("Would you like to get notified").count() == 0
            browser.close()
    finally:
        _stop(process)
    outside = [url for url in requests
               if urllib.parse.urlsplit(url).hostname not in ("127.0.0.1",) and not url.startswith(("data:", "blob:"))]
    assert not outside, outside
    text = log.read_text()
    assert "Skipped non-installed server" not in text  # no roll call of absent language servers
