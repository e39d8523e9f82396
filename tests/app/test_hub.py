"""A practice on a real JupyterHub: real system users, real servers, driven in headless Chromium.

The hub runs the configuration in deploy/jupyterhub/ with the local process
spawner. Logging in uses an authenticator made for this test only (fixed
passwords from a file); a practice uses a real one (see the guide there).
Needs root (to make the users and to spawn their servers),
configurable-http-proxy and Chromium; .ci/run installs them.
"""

import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from test_browser import CHROMIUM, FLAGS, SCREENSHOTS

# One hub, one set of accounts: one worker. Minutes of servers starting and culls waited for: make slow.
pytestmark = [pytest.mark.hub, pytest.mark.slow, pytest.mark.xdist_group("hub")]
ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ("ghwann", "ghwben", "ghwcat")
PRACTITIONER = "ghwlee"
BIN = Path(sys.executable).parent  # the hub's own environment (it runs as root)
USERS_ENV = ROOT / "build" / "hub-env"  # the people's environment: `make hubenv` (their servers run as them)

CONFIG = '''
import json
from pathlib import Path

from jupyterhub.auth import Authenticator


class TestOnlyAuthenticator(Authenticator):
    """For this test only: each user's password from a file. Never use it for a real hub."""

    async def authenticate(self, handler, data):
        passwords = json.loads(Path({passwords!r}).read_text())
        if data["username"] in passwords and secrets_match(passwords[data["username"]], data["password"]):
            return data["username"]
        return None


def secrets_match(a, b):
    import hmac
    return hmac.compare_digest(a.encode(), b.encode())


c = get_config()
c.JupyterHub.authenticator_class = TestOnlyAuthenticator
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = {pid_file!r}
c.JupyterHub.db_url = "sqlite:///{folder}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.JupyterHub.cleanup_servers = True
load_subconfig({deploy!r})
'''


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as(user: str, *command: str) -> subprocess.CompletedProcess:
    """Run ``command`` as ``user``, with that user's own groups and nothing of root's."""
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True, text=True)


@pytest.fixture(scope="module")
def accounts():
    """Three people and a practitioner as real system users, each with a home only they can open."""
    missing = [why for why, ok in ((f"{CHROMIUM} is not installed", Path(CHROMIUM).exists()),
                                   ("configurable-http-proxy is not installed (npm install -g configurable-http-proxy)",
                                    shutil.which("configurable-http-proxy")),
                                   ("making system users needs root", os.geteuid() == 0),
                                   (f"{USERS_ENV} is missing: `make hubenv` makes the environment the people's "
                                    "servers run in, which every user can execute", (USERS_ENV / ".installed").exists()),
                                   ) if not ok]
    if missing:
        if os.environ.get("CI"):
            pytest.fail("; ".join(missing))
        pytest.skip("; ".join(missing))
    for name in (*PEOPLE, PRACTITIONER):
        # A clean start, whatever came before: a server a stopped run left behind would keep the account in use.
        subprocess.run(["pkill", "--signal", "KILL", "--uid", name], capture_output=True)
        subprocess.run(["userdel", "--remove", name], capture_output=True)
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name], check=True)
        os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
    yield {name: pwd.getpwnam(name) for name in (*PEOPLE, PRACTITIONER)}
    for name in (*PEOPLE, PRACTITIONER):
        subprocess.run(["userdel", "--remove", name], capture_output=True)


@pytest.fixture(scope="module")
def hub(accounts):
    """JupyterHub as a practice would run it, on 127.0.0.1; yields its URL, passwords and shared root."""
    folder = Path(tempfile.mkdtemp(prefix="ghw-hub-"))
    folder.chmod(0o711)  # the people pass through to the shared folders; nobody lists this one
    passwords = {name: secrets.token_hex(8) for name in accounts}
    (folder / "passwords.json").write_text(json.dumps(passwords))
    (folder / "practice.json").write_text(json.dumps({"practitioners": {PRACTITIONER: list(PEOPLE)}}))
    port = _free_port()
    (folder / "jupyterhub_config.py").write_text(CONFIG.format(
        passwords=str(folder / "passwords.json"), users=sorted(accounts), singleuser=str(USERS_ENV / "bin" / "jupyterhub-singleuser"),
        port=port, hub_port=_free_port(), api_port=_free_port(), pid_file=str(folder / "proxy.pid"), folder=folder,
        deploy=str(ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py")))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GHW_")}
    # Culling within the test's time: a kernel no page is connected to after 20 s, a server with none after 30 s.
    env.update(GHW_CULL_KERNELS_AFTER="20", GHW_CULL_EVERY="5", GHW_CULL_SERVERS_AFTER="30")
    env.update(GHW_PRACTICE_FILE=str(folder / "practice.json"), GHW_SHARED_ROOT=str(folder / "shared"),
               GHW_COMMAND=f"{USERS_ENV / 'bin' / 'python'} -m ghw", GHW_SYSTEM_USER="{name}", PATH=f"{BIN}:{env.get('PATH', '/usr/bin')}")
    url = f"http://127.0.0.1:{port}"
    with open(folder / "hub.log", "w") as log:
        process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(folder / "jupyterhub_config.py")], cwd=folder,
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{url}/hub/api/", timeout=5)
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, (folder / "hub.log").read_text()
            time.sleep(0.5)
    yield {"url": url, "passwords": passwords, "shared": folder / "shared", "pid": process.pid, "folder": folder}
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(folder / "hub.log", SCREENSHOTS.parent / "hub.log")  # kept for a look after a failure
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(hub):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def _login(browser, hub, name):
    """A browser of ``name``'s own, logged in; returns its page, on their landing page.

    Every address the page asks for is kept in ``page.asked``.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.asked, page.refused = [], []  # every address asked for; those the page's security policy refused to fetch
    page.on("request", lambda request: page.asked.append(request.url))
    page.on("requestfailed", lambda request: request.failure == "csp" and page.refused.append(request.url))
    page.goto(f"{hub['url']}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub["passwords"][name])
    page.click("#login_submit")
    page.wait_for_url(f"{hub['url']}/user/{name}/**")
    return page


def _log(page, person, relationship):
    page.wait_for_selector(".ghw-save")
    page.get_by_role("radio", name="6", exact=True).click()
    page.fill(".ghw-person input", person)
    page.select_option(".ghw-relationship select", relationship)
    page.click(".ghw-more")
    page.fill(".ghw-minutes input", "30")
    page.click(".ghw-save")
    page.wait_for_selector(".ghw-status >> text=✓ Saved")


def _memory(keep) -> int:
    """Proportional set size, in bytes, of the processes ``keep(proc_dir)`` picks (shared pages split between sharers)."""
    total = 0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and keep(proc):
                rollup = (proc / "smaps_rollup").read_text()
                total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")) * 1024
        except (OSError, StopIteration):
            continue
    return total


def _of_user(uid: int):
    return lambda proc: proc.stat().st_uid == uid


def _of_hub(pid: int):
    """The hub process and its children (the proxy), but not the servers, which run as their users."""
    def keep(proc):
        parent = next(line.split()[1] for line in (proc / "status").read_text().splitlines() if line.startswith("PPid:"))
        return proc.stat().st_uid == 0 and (int(proc.name) == pid or int(parent) == pid)
    return keep


def test_practice_on_a_real_hub(hub, browser, accounts):
    url, shared = hub["url"], hub["shared"]
    ann = _login(browser, hub, "ghwann")
    _log(ann, "Rosalind", "friend")
    assert ann.url.startswith(f"{url}/user/ghwann/voila/render/notebooks/app.ipynb")
    time.sleep(3)  # let the kernel settle before measuring
    person, engine = _memory(_of_user(accounts["ghwann"].pw_uid)), _memory(_of_hub(hub["pid"]))
    figures = (f"one person's server with the app open: {person / 2**20:.0f} MiB; "
               f"the hub and its proxy: {engine / 2**20:.0f} MiB (proportional set sizes)\n")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "hub-memory.txt").write_text(figures)
    print("\n" + figures)
    assert person > 0 and engine > 0
    ann_journal = Path(accounts["ghwann"].pw_dir) / "ghw" / "data" / "journal.csv"
    assert "Rosalind" in ann_journal.read_text()

    ben = _login(browser, hub, "ghwben")
    _log(ben, "Bartholomew", "family")

    # Ann shares this month's summary from the share form; names and notes stay out.
    ann.goto(f"{url}/user/ghwann/voila/render/notebooks/03-plan-and-share.ipynb")
    ann.click(".ghw-share-practitioner")
    ann.wait_for_selector(".ghw-share-status >> text=✓ Shared your summary")
    ann.screenshot(path=SCREENSHOTS / "hub-share.png", full_page=True)
    assert "Rosalind" not in (shared / PRACTITIONER / "ghwann" / "entries.csv").read_text()

    lee = _login(browser, hub, PRACTITIONER)
    lee.wait_for_selector(".ghw-practice-person")
    lee.locator(".ghw-practice-person summary", has_text="Their summary in full").click()
    text = lee.inner_text(".ghw-practice")
    assert "1 person shares a summary with you." in text and "ghwann" in text and "Days logged: 1 of" in text
    assert "ghwben" not in text and "Bartholomew" not in text and "Rosalind" not in text
    assert "The number of connections and mood: not enough people yet (0 people with 7 or more days" in text
    assert text.count("not enough people yet") == 3  # once per measure, not once per method
    lee.screenshot(path=SCREENSHOTS / "hub-practice.png", full_page=True)

    # Through the hub: nobody reaches another person's server, files or journal.
    for page, who in ((ben, "ghwben"), (lee, PRACTITIONER)):
        for path in ("api/contents/data/journal.csv", "files/data/journal.csv", "api/contents/data",
                     "voila/render/notebooks/app.ipynb"):
            response = page.request.get(f"{url}/user/ghwann/{path}")
            assert response.status in (403, 404), (who, path, response.status)
            assert "Rosalind" not in response.text(), (who, path)
    assert ben.request.get(f"{url}/hub/api/users/ghwann").status in (403, 404)
    # Nor through one's own server, by walking out of one's own folder.
    for path in ("../../ghwann/ghw/data/journal.csv", "..%2F..%2Fghwann%2Fghw%2Fdata%2Fjournal.csv"):
        response = ben.request.get(f"{url}/user/ghwben/api/contents/{path}")
        assert response.status in (400, 403, 404) and "Rosalind" not in response.text(), (path, response.status)
    # The practitioner's role: the names of their people, nothing of their servers.
    listed = lee.request.get(f"{url}/hub/api/users")
    assert listed.status == 200, listed.text()
    assert sorted(u["name"] for u in listed.json()) == sorted(PEOPLE)
    seen = [*listed.json(), lee.request.get(f"{url}/hub/api/users/ghwann").json()]
    assert all(set(u) <= {"kind", "name", "admin", "user_info"} and not u["user_info"] for u in seen), seen

    # On the file system: homes are private; a share is readable by the practitioner only, and not writable.
    for who in ("ghwben", "ghwcat", PRACTITIONER):
        assert _as(who, "cat", str(ann_journal)).returncode != 0, who
    assert _as("ghwann", "cat", str(ann_journal)).returncode == 0
    share = shared / PRACTITIONER / "ghwann" / "summary.json"
    assert json.loads(_as(PRACTITIONER, "cat", str(share)).stdout)["period"]
    for who in ("ghwben", "ghwcat"):
        assert _as(who, "cat", str(share)).returncode != 0, who
        assert _as(who, "ls", str(shared / PRACTITIONER)).returncode != 0, who
    assert _as(PRACTITIONER, "touch", str(share.parent / "planted")).returncode != 0

    # Nothing any of these pages asked for left the machine: Voila's links to CDNs are refused by the policy.
    for page in (ann, ben, lee):
        outside = [u for u in page.asked if urllib.parse.urlsplit(u).hostname not in ("127.0.0.1", None)
                   and not u.startswith(("data:", "blob:")) and u not in page.refused]
        assert not outside and len(page.asked) > 20, outside

    # Ann withdraws; the practitioner's page no longer shows her summary.
    ann.click(".ghw-share-withdraw")
    ann.wait_for_selector(".ghw-share-status >> text=✓ Withdrawn")
    lee.click(".ghw-practice-refresh")
    lee.wait_for_selector(".ghw-practice >> text=Nobody has shared a summary with you yet.")
    assert not share.exists()


def _processes(uid: int, word: str) -> list[str]:
    """Command lines of the processes of ``uid`` that hold ``word``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and proc.stat().st_uid == uid:
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                if word in command:
                    found.append(command)
        except OSError:
            continue
    return found


def _until(check, seconds: float, what: str) -> float:
    """Wait until ``check()`` is true; return how long it took."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < seconds, f"{what} after {seconds} s"
        time.sleep(1)
    return time.monotonic() - start


def test_a_typo_in_the_practice_file_stops_nobody_and_a_lost_page_and_idle_server_end(hub, browser, accounts):
    """A broken practice file is logged with its line and every server still starts; a page lost without a word
    (its tab killed, so its kernel is never asked to stop) has its kernel culled, and then its idle server stops."""
    practice_file = hub["folder"] / "practice.json"
    listed = ", ".join(f'"{name}"' for name in PEOPLE)
    practice_file.write_text(f'{{"practitioners": {{\n  "{PRACTITIONER}": [{listed}\n}}}}\n')  # a "]" left out
    cat = _login(browser, hub, "ghwcat")
    _log(cat, "Ottoline", "friend")  # her server started, and her journal works
    assert "practice.json, line 3, column 1" in (hub["folder"] / "hub.log").read_text()

    uid = accounts["ghwcat"].pw_uid
    assert _processes(uid, "ipykernel_launcher")
    cat.route("**/api/shutdown/**", lambda route: route.abort())  # the page goes without asking for its kernel's end
    cat.context.close()
    kernel = _until(lambda: not _processes(uid, "ipykernel_launcher"), 90, "the lost page's kernel still runs")
    server = _until(lambda: not _processes(uid, "jupyterhub-singleuser"), 180, "the idle server still runs")
    print(f"\nlost page's kernel culled after {kernel:.0f} s; idle server stopped {server:.0f} s later")
