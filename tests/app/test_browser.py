"""The real thing: JupyterLab and the Voila app in headless Chromium, driven like a person would."""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import ghw
from ghw import paths, server
from ghw.widgets.app import TABS as APP_TABS
from helpers import HEADER, write

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = paths.PROJECT_DIR / "build" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
TOKEN = secrets.token_urlsafe(16)  # the app servers' token, handed over as `ghw app` hands it


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium before the tests")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1500})
    page = context.new_page()
    page.set_default_timeout(120_000)
    yield page
    # Leaving the page, as closing a tab does, has the app shut its kernel down; closing the context alone would
    # leave it running until culled, and the app server holds only a few.
    page.goto("about:blank")
    context.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(command, url, env, log):
    """Start a server and wait until it answers; return the process."""
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return process
        except urllib.error.HTTPError:
            return process  # it answers, if only with an error page
        except OSError:
            assert process.poll() is None, Path(log.name).read_text()
            time.sleep(0.5)
    process.kill()
    raise AssertionError(f"{url} did not answer within 120 s")


def _env(folder: Path, journal: Path) -> dict:
    """The environment of a server over ``journal``, with Jupyter's own files kept in ``folder``."""
    settings = folder / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env = os.environ.copy()
    env.update(GHW_JOURNAL=str(journal), JUPYTER_RUNTIME_DIR=str(folder / "runtime"),
               JUPYTER_CONFIG_DIR=str(folder / "config"), JUPYTERLAB_WORKSPACES_DIR=str(folder / "workspaces"),
               JUPYTERLAB_SETTINGS_DIR=str(folder / "settings"))
    env[server.TOKEN_VARIABLE] = TOKEN
    return env


@pytest.fixture
def server_env(tmp_path, journal_path):
    return _env(tmp_path, journal_path)


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def lab(tmp_path, server_env, monkeypatch):
    """JupyterLab as ``ghw lab`` starts it, for a person who has never used it (no settings of their own), on a copy
    of the notebooks, so that autosave never writes outputs into the project."""
    notebooks = shutil.copytree(paths.notebooks_dir(), tmp_path / "notebooks")
    port, token = _free_port(), secrets.token_hex(16)
    environment = {**server_env, "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "fresh-settings")}
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", environment["JUPYTER_RUNTIME_DIR"])  # where its settings are written
    own = [arg for arg in server.lab_command() if not arg.startswith("--ServerApp.root_dir=")]
    command = [sys.executable, *own, "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={notebooks}"]
    with open(tmp_path / "lab.log", "w") as log:
        process = _serve(command, f"http://127.0.0.1:{port}/api/status?token={token}", environment, log)
    yield lambda name: f"http://127.0.0.1:{port}/lab/tree/{name}?token={token}"
    _stop(process)


def _run_all(page, url):
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_selector("text=Python 3 (ipykernel) | Idle")
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def test_log_in_jupyterlab(page, lab, journal_path, tmp_path):
    """Logging in JupyterLab as ``ghw lab`` opens it, on a first visit: every request stays on 127.0.0.1, and no
    pop-up asks about news. Then saved and opened again, the notebook is byte for byte as committed (no outputs, no
    widget state) and shows no "model not found"."""
    notebook = tmp_path / "notebooks" / "01-log.ipynb"
    before, saved_at = notebook.read_bytes(), notebook.stat().st_mtime_ns
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.on("websocket", lambda socket: asked.append(socket.url))
    _run_all(page, lab("01-log.ipynb"))
    page.wait_for_selector(".ghw-save")
    page.get_by_role("radio", name="7", exact=True).click()
    page.fill(".ghw-person input", "Jo")
    page.select_option(".ghw-relationship select", "friend")
    page.click(".ghw-more")
    page.fill(".ghw-activity input", "walk")
    page.fill(".ghw-minutes input", "45")
    page.locator(".ghw-quality button", has_text="5 deeply").click()
    page.locator(".ghw-initiated-by button", has_text="me").click()
    page.fill(".ghw-note textarea", 'Talked, laughed, "really" listened')
    page.click(".ghw-save")
    page.wait_for_selector(".ghw-status >> text=✓ Saved")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".ghw-log").screenshot(path=SCREENSHOTS / "log-lab.png")
    [entry] = ghw.load(journal_path).to_dict("records")
    assert (entry["person"], entry["relationship"], entry["activity"], entry["minutes"], entry["quality"]) == (
        "Jo", "friend", "walk", 45, 5)
    assert entry["initiated_by"] == "me" and entry["note"] == 'Talked, laughed, "really" listened'
    assert page.locator(".jp-Notification-Toast, .Toastify__toast").filter(has_text="news").count() == 0
    assert page.get_by_text("Would you like to get notified").count() == 0
    assert any("/api/kernels/" in url for url in asked) and not _outside(asked), _outside(asked)
    assert "Skipped non-installed server" not in (tmp_path / "lab.log").read_text()  # no roll call of absent servers
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1500)
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')")
    assert notebook.stat().st_mtime_ns > saved_at and notebook.read_bytes() == before  # saved, and as committed
    page.goto(lab("01-log.ipynb"))
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_timeout(2000)
    assert page.get_by_text("model not found").count() == 0


@pytest.mark.slow  # a JupyterLab of its own; logging in JupyterLab and Reflect in the app run on every make test
def test_reflect_in_jupyterlab_shows_the_sample(page, lab, journal_path):
    _run_all(page, lab("02-reflect.ipynb"))
    # Off-screen cells may be left unpainted by JupyterLab: wait for the page to hold them, then look.
    page.wait_for_selector(".ghw-sample", state="attached")
    page.wait_for_selector(".ghw-reflect >> text=how connected you felt went with your mood more", state="attached")
    # In a kernel the charts follow the sentences one at a time: wait for every one, drawn.
    page.wait_for_selector(".ghw-digest >> text=What your journal says", state="attached")
    page.wait_for_function("n => [...document.querySelectorAll('.ghw-reflect img')].filter(i => i.naturalWidth > 0)"
                           ".length === n", arg=len(ghw.findings.FINDINGS))  # the sample has something for each
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".ghw-reflect h3", has_text="Quality or quantity?").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "reflect-lab.png")
    assert not journal_path.exists()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The app served as ``ghw app`` serves it, for every app test of this module: its port and journal."""
    home = tmp_path_factory.mktemp("app")
    journal = home / "journal" / "journal.csv"
    port = _free_port()
    command = [sys.executable, *server.app_command(port), "--no-browser"]
    with open(home / "voila.log", "w") as log:
        app = _serve(command, f"http://127.0.0.1:{port}/", _env(home, journal), log)
    yield port, journal
    _stop(app)


@pytest.fixture
def app_page(page, app_server):
    """The app open in the page over a journal folder emptied first, its logging form ready: its port and journal.

    Each page gets a kernel of its own, which reads the journal folder when the page opens.
    """
    port, journal = app_server
    shutil.rmtree(journal.parent, ignore_errors=True)
    journal.parent.mkdir()
    page.goto(f"http://127.0.0.1:{port}/?token={TOKEN}")
    page.wait_for_selector(".ghw-save")
    return port, journal


@pytest.mark.xdist_group("browser-app")  # the tests sharing one app server run on one worker
def test_log_in_the_app(page, app_page):
    port, journal_path = app_page
    assert "Sample data" not in page.inner_text(".ghw-log")
    page.click(".ghw-save")  # nothing chosen: nothing saved
    page.wait_for_selector(".ghw-status >> text=choose how you feel first")
    page.get_by_role("radio", name="8", exact=True).click()
    page.fill(".ghw-person input", "Sam")
    page.click(".ghw-more")
    page.fill(".ghw-minutes input", "an hour")
    page.click(".ghw-save")
    page.wait_for_selector(".ghw-status >> text=Not saved yet. Please check")
    status = page.inner_text(".ghw-status")
    assert "Time together ('an hour'): must be a whole number of minutes" in status and "1h or 1:30" in status
    assert "Kind of relationship: is needed for a connection" in status
    assert page.input_value(".ghw-person input") == "Sam"  # nothing typed is lost
    assert not journal_path.exists()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "log-app-problem.png", full_page=True)

    page.select_option(".ghw-relationship select", "partner")
    page.fill(".ghw-minutes input", "1h")
    page.click(".ghw-save")
    page.wait_for_selector(".ghw-status >> text=✓ Saved")
    page.wait_for_selector(".ghw-day-card >> text=Time with Sam is in your journal")
    page.screenshot(path=SCREENSHOTS / "log-app.png", full_page=True)
    [entry] = ghw.load(journal_path).to_dict("records")
    assert (entry["mood"], entry["person"], entry["relationship"], entry["minutes"]) == (8, "Sam", "partner", 60)

    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Reflect").first.click()
    page.wait_for_selector(".ghw-reflect >> text=You logged on 1 of 1 day (100%)")

    # The app hands out widgets, never files: not the journal, not the notebook.
    for path in ("voila/files/app.ipynb", f"voila/files/{journal_path}", "voila/files/../data/sample_journal.csv",
                 "api/contents", "files/app.ipynb"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/{path}", headers={"Authorization": f"token {TOKEN}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                body = response.read().decode("utf-8", "replace")
                assert "Sam" not in body and "partner" not in body, path
                assert response.status != 200 or "<html" in body.lower(), path
        except urllib.error.HTTPError as error:
            assert error.code in (302, 403, 404), (path, error.code)


@pytest.mark.xdist_group("browser-app")
def test_reflect_in_the_app_opens_with_the_digest_and_a_line_opens_its_finding(page, app_page):
    """The sample's Reflect tab leads with at most five lines; a click on one brings its finding into view."""
    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Reflect").first.click()
    digest = page.locator(".ghw-digest")
    digest.locator("text=What your journal says").wait_for()
    lines = digest.locator(".ghw-digest-line")
    assert 1 <= lines.count() <= 5
    assert lines.first.inner_text() == "How connected you felt went with your mood more than how many connections you had."
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    digest.screenshot(path=SCREENSHOTS / "reflect-digest.png")
    target = page.locator("#ghw-finding-quality_vs_quantity")
    page.evaluate("window.scrollTo(0, 0)")
    lines.first.click()
    page.wait_for_function("() => { const r = document.getElementById('ghw-finding-quality_vs_quantity')"
                           ".getBoundingClientRect(); return r.top > -1 && r.bottom <= window.innerHeight; }")  # sub-pixel scroll
    section = target.locator("xpath=ancestor::*[contains(@class, 'ghw-finding')][1]")
    section.locator("summary", has_text="How sure?").click()  # the numbers, one tap away
    assert "95% interval" in section.locator(".ghw-sure").inner_text()


@pytest.mark.xdist_group("browser-app")
def test_a_new_journal_sees_its_progress_not_empty_charts(page, app_page):
    _, journal_path = app_page
    ghw.journal.create(journal_path, ghw.sample.generate(5, seed=3, end="2026-10-31"))
    page.reload()
    page.wait_for_selector(".ghw-save")
    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Reflect").first.click()
    card = page.locator(".ghw-progress")
    card.locator("text=Your first answers are on their way").wait_for()
    assert card.locator("progress").count() >= 8
    assert "How connected you felt:" in card.inner_text() and "of about 14 days with a connection" in card.inner_text()
    page.wait_for_function("() => [...document.querySelectorAll('.ghw-reflect img')].filter(i => i.naturalWidth > 0)"
                           ".length === 2")  # the mood over time and the year in pixels: nothing empty
    assert page.locator(".ghw-finding:visible").count() == 2
    page.screenshot(path=SCREENSHOTS / "reflect-new-journal.png", full_page=True)


@pytest.mark.xdist_group("browser-app")
def test_checkin_in_the_app(page, app_page):
    _, journal_path = app_page
    from ghw import checkins

    # A brand-new journal is asked for no questionnaire: the Log tab mentions none before a week of entries.
    assert "A check-in is due" not in page.inner_text(".ghw-log")
    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Check-in").first.click()
    page.wait_for_selector(".ghw-checkin >> text=I have felt cheerful and in good spirits")
    for number, answer in ((1, "Some of the time"), (2, "At no time"), (3, "Some of the time"),
                           (4, "Less than half of the time"), (5, "Some of the time")):
        page.locator(f".ghw-checkin-item-{number} label", has_text=answer).first.click()
    page.click(".ghw-checkin-save")
    page.wait_for_selector(".ghw-checkin-status >> text=✓ Saved")
    assert "Well-being (WHO-5, 0-100) 20" in page.inner_text(".ghw-checkin-status")  # 1 + 0 + 1 + 2 + 1 = 5
    page.wait_for_selector(".ghw-checkin-care >> text=came to 5 of 25")  # drawn just after the status
    assert "not a diagnosis" in page.inner_text(".ghw-checkin-care")
    page.locator(".ghw-checkin-instrument button", has_text="Loneliness").click()
    page.wait_for_selector(".ghw-checkin >> text=How often do you feel left out?")
    page.locator(".ghw-checkin-item-4 label", has_text="Occasionally").first.click()
    page.click(".ghw-checkin-save")
    page.wait_for_selector(".ghw-checkin-status >> text=Kept as incomplete")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "checkin-app.png", full_page=True)
    table = checkins.scores(checkins.load_checkins(checkins.checkins_path(journal_path)))
    assert table.set_index("scale")["score"].to_dict()["who5_raw"] == 5
    assert int(table.set_index("scale").at["lonely", "score"]) == 3


@pytest.mark.xdist_group("browser-app")
def test_an_experiment_through_the_app(page, app_page):
    _, journal_path = app_page
    from ghw import experiment

    tab = page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Experiment").first
    tab.click()
    page.wait_for_selector(".ghw-experiment-explanation >> text=act days")
    page.fill(".ghw-experiment-act input", "Call Jo")
    page.fill(".ghw-experiment-person input", "Jo")
    page.select_option(".ghw-experiment-weeks select", "3")
    page.wait_for_selector(".ghw-experiment-explanation >> text=9 act days")
    page.click(".ghw-experiment-go")
    page.wait_for_selector(".ghw-experiment-status >> text=✓ Started: Call Jo")
    page.wait_for_selector(".ghw-experiment-running >> text=day 1 of 21")
    [row] = experiment.load(experiment.experiments_path(journal_path)).to_dict("records")
    act_day = row["schedule"][0] == "x"
    assert row["person"] == "Jo" and len(row["schedule"]) == 21

    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Log").first.click()
    expected = "Today is an act day: Call Jo." if act_day else "Today is an ordinary day"
    page.wait_for_selector(f".ghw-log >> text={expected}")
    page.get_by_role("radio", name="4", exact=True).click()
    page.fill(".ghw-person input", "Jo")
    page.select_option(".ghw-relationship select", "friend")
    page.click(".ghw-save")
    page.wait_for_selector(".ghw-status >> text=✓ Saved")

    tab.click()
    page.wait_for_selector(".ghw-experiment-running >> text=No act day has gone by yet")
    page.wait_for_selector(".ghw-experiment-answer >> text=still running")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "experiment-app.png", full_page=True)
    assert experiment.adherence(row, ghw.load(journal_path))["done"].iat[0]  # today's call counts as done


@pytest.mark.xdist_group("browser-app")
def test_this_month_in_the_app(page, app_page):
    _, journal_path = app_page
    from ghw import reflections

    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="This month").first.click()
    page.wait_for_selector(".ghw-month-today >> text=Today:")
    page.wait_for_selector(".ghw-month-banner >> text=Sample data")
    page.locator(".ghw-month-step button", has_text="Reflect").click()
    page.wait_for_selector(".ghw-month-findings >> text=From the sample journal")
    page.fill(".ghw-month-answer textarea", "Some nights I want to die, and I tell nobody.")
    page.keyboard.press("Tab")  # leaving the field hands the text over: the care note shows before any save
    page.wait_for_selector(".ghw-month-care >> text=sounds really hard")
    assert "Samaritans" in page.inner_text(".ghw-month-care")
    page.click(".ghw-month-reflection")
    page.wait_for_selector(".ghw-month-reflection-status >> text=✓ Saved")
    page.wait_for_selector(".ghw-month-reflections >> text=I tell nobody")
    [saved] = reflections.load_reflections(reflections.reflections_path(journal_path)).to_dict("records")
    assert saved["text"] == "Some nights I want to die, and I tell nobody."

    page.locator(".ghw-month-step button", has_text="Rest").click()
    page.locator(".ghw-month-alone-mood button", has_text="4").first.click()
    page.locator(".ghw-month-alone-feeling button", has_text="restful").click()
    page.click(".ghw-month-alone")
    page.wait_for_selector(".ghw-month-alone-status >> text=✓ Noted")
    assert ghw.load(journal_path)["alone"].tolist() == ["restful"]
    page.wait_for_selector(".ghw-month-banner:not(:has-text('Sample data'))", state="attached")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "month-app.png", full_page=True)


def test_app_listens_on_loopback_only():
    command = server.app_command(8866)
    assert "--Voila.ip=127.0.0.1" in command and "--VoilaConfiguration.file_denylist=.*" in command


def test_html_report_in_chromium(page, tmp_path):
    from ghw import exports, plan, privacy, summary

    entries = ghw.load(paths.SAMPLE_JOURNAL)
    key = b"k" * 16
    result = summary.summary(entries, "2026-10", plan=plan.load_plan(paths.SAMPLE_PLAN), key=key)
    path = exports.EXPORTS["html"].to(result, tmp_path / "report.html")
    alias = privacy.Pseudonyms(entries["person"].dropna().unique(), key)("Mum")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    # The connections panel, the mood of the month and quality or quantity.
    page.wait_for_function("[...document.images].length == 3 && [...document.images].every(i => i.naturalWidth > 0)")
    text = page.inner_text("body")
    mum = plan.progress(plan.load_plan(paths.SAMPLE_PLAN), entries, "2026-10").set_index("person").loc["Mum"]
    assert "Session report: 2026-10 (2026-10-01 to 2026-10-31)" in text
    done = ghw.vocabulary.done_of(mum["done"], mum["times"])
    assert f"Call {alias} on Sunday evenings: {done} ({mum['status']})" in text
    assert "If you are in crisis" in text
    assert all(url.startswith(("file://", "data:")) for url in requests), requests
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "report.png", full_page=True)


@pytest.mark.xdist_group("browser-app")
def test_merge_and_undo_in_the_app(page, app_page):
    _, journal_path = app_page
    rows = [f"a{d},2026-10-{d:02d},12:00,6,Ana,friend,,,,4,,," for d in (1, 4, 7)]
    rows += [f"s{d},2026-10-{d:02d},19:00,7,Sam,partner,,,,4,,," for d in range(1, 11)]
    # The People tab reads the journal when it is first opened.
    write(journal_path, HEADER + "\n" + "\n".join(rows) + '\nx,2026-10-09,12:00,5,"ana ",friend,,,,3,,,\n')
    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="People").first.click()
    page.wait_for_selector(".ghw-people-tidy >> text=written the same apart from case")
    page.click(".ghw-people-merge")
    page.wait_for_selector(".ghw-people-status >> text=Merged 1 entry")
    assert (ghw.load(journal_path)["person"] == "Ana").sum() == 4
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "people-merged.png", full_page=True)
    page.click(".ghw-people-undo")
    page.wait_for_selector(".ghw-people-status >> text=Undone: 1 entry")
    entries = ghw.load(journal_path)
    assert (entries["person"] == "Ana").sum() == 3 and (entries["person"] == "ana").sum() == 1
    page.wait_for_selector(".ghw-people-tidy >> text=written the same apart from case")  # offered again


@pytest.mark.xdist_group("browser-app")
def test_closing_the_tab_shuts_its_kernel_down(page, app_page):
    """The page asks, as its tab closes, that its kernel be shut down; the server must not refuse it.

    Otherwise each closed or reloaded tab keeps its kernel until culled, and a few reloads fill the server.
    """
    port, _ = app_page
    kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', page.content()).group(1)
    url = urllib.request.Request(f"http://127.0.0.1:{port}/api/kernels/{kernel}",
                                 headers={"Authorization": f"token {TOKEN}"})
    assert urllib.request.urlopen(url, timeout=10).status == 200
    page.goto("about:blank")  # the tab leaves the page, as on closing it
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 404
            return
        time.sleep(0.5)
    raise AssertionError(f"kernel {kernel} still runs 30 s after its tab closed")


def _outside(urls: list[str]) -> list[str]:
    """The addresses among ``urls`` that are not on this machine (data: and blob: never leave the page)."""
    return [url for url in urls if not url.startswith(("data:", "blob:", "about:"))
            and urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", "localhost")]


@pytest.mark.xdist_group("browser-app")
def test_the_app_and_every_tab_ask_nothing_outside_this_machine(browser, app_server):
    """Every request of the page, of each tab as it is first built and opened again, and of the pages around it (the
    login page, a refused address), stays on 127.0.0.1: nothing tells a third party that a journal was opened."""
    from ghw.widgets.app import TABS

    port, _ = app_server
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(120_000)
    asked, refused = [], []
    page.on("request", lambda request: asked.append(request.url))
    page.on("requestfailed", lambda request: request.failure == "csp" and refused.append(request.url))
    page.on("websocket", lambda socket: asked.append(socket.url))
    page.goto(f"http://127.0.0.1:{port}/")  # without the token: the login page
    page.goto(f"http://127.0.0.1:{port}/voila/render/nowhere.ipynb?token={TOKEN}")
    page.goto(f"http://127.0.0.1:{port}/?token={TOKEN}")
    page.wait_for_selector(".ghw-save")
    for title, _ in [*TABS[1:], *TABS]:
        page.locator(".lm-TabBar-tabLabel", has_text=title).first.click()
        page.wait_for_selector(".widget-tab-contents > .widget-box:not(.lm-mod-hidden) > [class*='ghw-']:not(.ghw-style)")
        page.wait_for_timeout(1000)  # anything the tab loads late
    # The icons still show, from Voila's own copy of Font Awesome: a glyph, in a font that has loaded.
    icons = page.evaluate("""[...document.querySelectorAll('.jupyter-widgets i.fa')].map(i =>
        [getComputedStyle(i, '::before').content, document.fonts.check('900 16px "Font Awesome 5 Free"')])""")
    seen = list(asked)
    # And what a future template or widget might link from elsewhere, the page's policy refuses to fetch.
    page.evaluate("""() => { for (const [tag, attribute, url] of [['link', 'href', 'https://cdn.example/x.css'],
                                                                   ['script', 'src', 'https://cdn.example/x.js']]) {
        const element = document.createElement(tag); element.rel = 'stylesheet'; element[attribute] = url;
        document.head.append(element); } }""")
    page.wait_for_timeout(1000)
    context.close()
    assert icons and all(content not in ("none", "normal", "") and loaded for content, loaded in icons), icons
    assert any("/api/kernels/" in url for url in seen) and len(seen) > 20  # the page's own requests were seen
    assert not _outside(seen), _outside(seen)  # nothing was even asked for: the templates link nothing outside
    assert sorted(refused) == ["https://cdn.example/x.css", "https://cdn.example/x.js"], refused


@pytest.mark.slow  # a server of its own, held full by eight loads, then waited on: with the soaks in make slow
def test_pages_that_never_connect_lock_nobody_out(browser, tmp_path):
    """Eight loads that never open their websocket (link previews, curl, a phone that killed its browser) hold every
    kernel the server allows; a person who opens the app just after gets it within 20 s."""
    journal = tmp_path / "journal.csv"
    port = _free_port()
    command = [sys.executable, *server.app_command(port, max_kernels=3), "--no-browser"]
    with open(tmp_path / "voila.log", "w") as log:
        app = _serve(command, f"http://127.0.0.1:{port}/voila/static/voila.js", _env(tmp_path, journal), log)
    try:
        statuses = []
        for _ in range(8):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={TOKEN}", timeout=120) as response:
                    statuses.append(response.status)
                    response.read()
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        assert 503 in statuses, statuses  # the server was full of pages that are gone
        start = time.monotonic()
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/?token={TOKEN}")
        page.wait_for_selector(".ghw-save", timeout=20_000)  # the busy page tried again by itself
        waited = time.monotonic() - start
        context.close()
    finally:
        _stop(app)
    released = (tmp_path / "voila.log").read_text().count("its page did not connect")
    print(f"\nafter 8 loads without a websocket ({statuses}), the app opened in {waited:.1f} s; "
          f"{released} kernels released")
    assert waited < 20 and released >= 1


@pytest.mark.slow  # the whole `ghw app` command with a browser of its own: make slow
def test_ghw_app_opens_the_browser_with_its_token_and_prints_it(browser, tmp_path):
    """`ghw app` on loopback: the browser is handed the address with the token (through a file only the user can
    read, never a command line), the terminal shows it once, and it opens the app."""
    recorder = tmp_path / "record-browser"
    recorder.write_text(f'#!/bin/sh\necho "$1" > {tmp_path / "opened"}\n')
    recorder.chmod(0o700)
    env = _env(tmp_path, tmp_path / "journal.csv")
    del env[server.TOKEN_VARIABLE]  # ghw app makes its own
    env["BROWSER"] = str(recorder)
    port = _free_port()
    log = open(tmp_path / "app.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "ghw", "app", "--port", str(port)], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "opened").exists():
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "app.log").read_text()
            time.sleep(0.5)
        opener = Path(urllib.parse.urlsplit((tmp_path / "opened").read_text().strip()).path)
        assert (opener.stat().st_mode & 0o777) == 0o600
        token = re.search(r"\?token=([\w-]+)", opener.read_text()).group(1)
        printed = (tmp_path / "app.log").read_text()
        assert f"ghw app: http://127.0.0.1:{port}/?token={token}" in printed
        page = browser.new_page()
        page.goto(opener.as_uri())
        page.wait_for_selector(".ghw-save")
        assert page.url.startswith(f"http://127.0.0.1:{port}/")
        page.close()
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60).url.split("?")[0].endswith("/login")
    finally:
        _stop(process)
        log.close()
    assert (tmp_path / "app.log").read_text().count(token) == 1  # the line that says where the app is, no log line


class _Taps:
    """A person's taps on a phone, counted: each is one click on what a locator finds."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def __call__(self, target) -> None:
        locator = self.page.locator(target) if isinstance(target, str) else target
        locator.click()
        self.count += 1


@pytest.mark.xdist_group("browser-app")
def test_the_short_path_on_a_phone(browser, app_server):
    """Save is on the first screen; a mood alone takes 2 taps; a mood, a known person and how connected 5 taps
    and the first letters of the name, which are suggested whatever their case and accents."""
    port, journal_path = app_server
    shutil.rmtree(journal_path.parent, ignore_errors=True)
    journal_path.parent.mkdir()
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(120_000)
    refused = []
    page.on("response", lambda response: refused.append(response.url) if response.status >= 400 else None)
    page.goto(f"http://127.0.0.1:{port}/?token={TOKEN}")
    page.wait_for_selector(".ghw-save")
    page.wait_for_selector(".ghw-welcome-note >> text=Welcome to ghw")
    assert page.title() == "ghw" and not refused, refused  # no "app", no favicon refused
    # Every tab not built yet shows a moving bar until it is, never a blank panel.
    assert page.locator(".widget-tab-contents .ghw-building").count() == len(APP_TABS) - 1
    save = page.locator(".ghw-save").bounding_box()
    assert save["y"] + save["height"] <= 844, save  # on the first screen, the welcome above it

    tap = _Taps(page)
    tap(page.get_by_role("radio", name="7", exact=True))
    tap(".ghw-save")
    page.wait_for_selector(".ghw-day-card >> text=Thank you for checking in")
    assert tap.count == 2 and ghw.load(journal_path)["mood"].tolist() == [7]

    ghw.append(journal_path, {"date": "2026-11-01", "mood": 6, "person": "Sam", "relationship": "partner"})
    ghw.append(journal_path, {"date": "2026-11-02", "mood": 6, "person": "Zoë", "relationship": "friend"})
    page.reload()
    page.wait_for_selector(".ghw-save")
    tap = _Taps(page)
    tap(page.get_by_role("radio", name="6", exact=True))
    tap(".ghw-person input")
    page.keyboard.type("zoe")
    page.wait_for_selector(".ghw-person button >> text=Zoë · friend")
    page.fill(".ghw-person input", "")
    page.keyboard.type("sa")
    tap(page.locator(".ghw-person button", has_text="Sam · partner"))
    page.wait_for_function("() => [...(document.querySelector('.ghw-relationship select') || {}).selectedOptions "
                           "|| []].some(o => o.text === 'partner')")  # the kind, from Sam's history
    tap(page.locator(".ghw-quality button", has_text="4"))
    tap(".ghw-save")
    page.wait_for_selector(".ghw-day-card >> text=Time with Sam is in your journal")
    assert tap.count == 5
    last = ghw.load(journal_path).iloc[-1]
    assert (last["mood"], last["person"], last["relationship"], last["quality"]) == (6, "Sam", "partner", 4)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "log-phone-saved.png")
    page.goto("about:blank")  # its kernel is shut down, as when a tab is closed
    context.close()


@pytest.mark.xdist_group("browser-app")
def test_a_daylio_history_through_the_app(page, app_page, tmp_path):
    """Upload an export, number its own moods, say who the activities were with, preview, import: no terminal."""
    from daylio_export import MOODS, OWN_MOODS, export

    _, journal_path = app_page
    source = tmp_path / "daylio_export_2026_10_31.csv"
    source.write_text(export("note-title", days=45), encoding="utf-8")
    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Import").first.click()
    page.wait_for_selector(".ghw-import-upload")
    with page.expect_file_chooser() as chooser:  # the widget's file field is not on the page: its button opens it
        page.click(".ghw-import-upload")
    chooser.value.set_files(source)
    page.wait_for_selector(f".ghw-import-about >> text={source.name}: ")
    for mood in OWN_MOODS:
        page.locator(".ghw-import-mood", has_text=f"{mood} (").locator("select").select_option(str(MOODS[mood]))
    page.click(".ghw-import-use-all")
    for activity, kind in (("Tania-time", "partner"), ("Ørjan", "friend")):
        page.locator(".ghw-import-activity", has_text=activity).locator("select").select_option(kind)
    page.click(".ghw-import-preview")
    page.wait_for_selector(".ghw-import-status >> text=Nothing was written.")
    assert "Would add" in page.inner_text(".ghw-import-status") and not journal_path.exists()
    page.wait_for_selector(".ghw-import-preview-table table")
    page.click(".ghw-import-go")
    page.wait_for_selector(".ghw-import-status >> text=✓ Added")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "import-app.png", full_page=True)
    entries = ghw.load(journal_path)
    assert {"Tania", "Ørjan", "Mum"} <= set(entries["person"].dropna())
    assert set(entries["relationship"].dropna()) == {"family", "friend", "partner", "colleague"}
    kept = journal_path.parent / "imports"
    assert (kept / "daylio.csv").read_bytes() == source.read_bytes() and (kept / "daylio.activities.csv").is_file()
    page.locator(".lm-TabBar-tabLabel, .p-TabBar-tabLabel", has_text="Reflect").first.click()
    page.wait_for_selector(".ghw-reflect >> text=Your journal:")
    assert "no connections yet" not in page.inner_text(".ghw-reflect")
