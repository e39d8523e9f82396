"""The two servers ghw starts on this machine: the app page (Voila) and JupyterLab.

Both listen on 127.0.0.1 and send nothing to the internet. The app page is
``notebooks/app.ipynb`` served by :class:`AppServer`, a Voila that

- asks for a secret token, always (other accounts on the same computer reach 127.0.0.1 too); ``ghw app`` opens the
  browser with it and prints the address with it, and no log line ever holds it;
- answers only requests addressed to it (``127.0.0.1:PORT``, ``localhost:PORT``,
  or the LAN address with ``--lan``), so a web page that rebinds its own name
  to 127.0.0.1 cannot reach the kernel;
- keeps one kernel warm, with ghw already loaded, so a page does not wait for Python to start (the kernel waits
  for its page before building the form, so the form is as fresh as the page);
- holds at most :data:`MAX_KERNELS` kernels, shuts down a page's kernel when the page has not connected to it
  within :data:`PAGE_SECONDS` (a link preview, ``curl``, a phone that killed its browser), and those no page is
  connected to any more after :data:`IDLE_SECONDS`;
- serves every asset of its pages itself (its templates, in ``page_templates/``, leave out what Voila's takes from
  public CDNs, and its security policy :data:`LOCAL_ONLY` lets the browser fetch nothing from elsewhere), and no
  file of the journal's folder.

``python -m ghw.server NOTEBOOK [voila options]`` runs it; :func:`app_command`
builds that command and :func:`run_app` is ``ghw app``.

Long because the app server's handlers, matchers and kernel limit only make sense together,
and JupyterLab's command beside them shares the notebooks folder and the refusal to reach outside.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import ipaddress
import json
import logging
import os
import re
import secrets
import socket
import ssl
import sys
import urllib.parse
import webbrowser
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
from tornado import web
from tornado.routing import Matcher, Rule
from traitlets import Integer, Unicode
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
from voila.utils import ENV_VARIABLE

from . import paths
from .errors import GhwError
from .i18n import _, language

__all__ = [
    "MAX_KERNELS",
    "IDLE_SECONDS",
    "PAGE_SECONDS",
    "CULL_EVERY",
    "LAB_OVERRIDES",
    "BUSY",
    "TOKEN_VARIABLE",
    "LOCAL_ONLY",
    "AppServer",
    "KernelLimit",
    "app_command",
    "lab_command",
    "lan_address",
    "run_app",
    "run_lab",
]

MAX_KERNELS = 6  # the one kept warm and five pages: about 1.5 GB in all
IDLE_SECONDS = 120  # a kernel no page is connected to is shut down after this long
PAGE_SECONDS = 10  # a kernel whose page has not connected this long after the kernel's last message is shut down
CULL_EVERY = 2  # seconds between two looks for such kernels
BUSY_RETRY = 5  # seconds after which the busy page tries again by itself
BUSY = _("Too many ghw pages are open at once. Close some tabs; this page tries again by itself in a few seconds.")
TOKEN_VARIABLE = "GHW_APP_TOKEN"
"""How :func:`run_app` hands the token to the server without showing it in ``ps``; the server takes it out of its
environment before any kernel starts, and makes a token of its own when it finds none."""
TEMPLATES = Path(__file__).resolve().parent / "page_templates"
LOCAL_ONLY = ("frame-ancestors 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; "
              "style-src 'self' 'unsafe-inline'; font-src 'self' data:")
"""The app's Content-Security-Policy: the browser fetches no script, stylesheet or font from elsewhere (Voila's page
loads MathJax from a CDN when it meets math, for one), whatever a template or a widget asks."""
access_log = logging.getLogger("tornado.access")


def _lang() -> str:
    """The language of ghw's own pages, as HTML names it ("en", "pt-BR")."""
    return language().replace("_", "-")


def _notebooks_dir() -> Path:
    """The workspace's notebooks; an installed ghw first fills its workspace (never replacing a file)."""
    if paths.CLONE_DIR is None:
        from . import workspace

        workspace.create()
    return paths.notebooks_dir()


# -- the app server ---------------------------------------------------------------------------------------------------


class KernelLimit(AsyncMappingKernelManager):
    """Kernel manager that holds at most :attr:`max_kernels` kernels, counting those still starting.

    Every page load costs a kernel of about 250 MB; without a bound, reloads or a script could fill the memory. A page
    that would need one more kernel gets a plain 503 (:class:`AppServer` answers it before Voila takes the warm
    kernel). The kernel kept warm for the next page instead waits for room (another kernel culled or shut down), so
    the pool is never lost.

    A page that is loaded but never opens its websocket (a link preview, ``curl``, a phone that killed its browser
    as the page arrived) holds its kernel too. Such a kernel, once it has been idle :attr:`page_seconds` without a
    page ever connecting to it, is shut down at the next look for idle kernels (every ``cull_interval`` seconds), so
    that pages that are gone never lock a person out for the whole of ``cull_idle_timeout``. A browser connects
    within a second or two of the page's last byte, and the kernel is busy until then.
    """

    max_kernels = Integer(MAX_KERNELS, config=True, help="Most kernels at once, the one kept warm included.")
    page_seconds = Integer(PAGE_SECONDS, config=True,
                           help="Seconds a page's kernel waits, idle, for the page to connect before it is shut down.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0
        self._connected: set[str] = set()  # kernels a page has connected to at least once
        self._handed: dict[str, dt.datetime] = {}  # when each page's kernel was first seen out of the warm pool

    def notify_connect(self, kernel_id):
        self._connected.add(kernel_id)
        super().notify_connect(kernel_id)

    def remove_kernel(self, kernel_id):
        self._connected.discard(kernel_id)
        self._handed.pop(kernel_id, None)
        return super().remove_kernel(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        # Voila's pool overrides this and returns early for the kernels kept warm: only pages' kernels come here.
        kernel = self._kernels.get(kernel_id)
        if kernel is not None and kernel_id not in self._connected:
            handed = self._handed.setdefault(kernel_id, dt.datetime.now(dt.UTC))
            if self._abandoned(kernel, handed):
                self.log.info("Shutting down kernel %s: its page did not connect within %d s", kernel_id,
                              self.page_seconds)
                await self.shutdown_kernel(kernel_id)
                return
        await super().cull_kernel_if_idle(kernel_id)

    def _abandoned(self, kernel, handed: dt.datetime) -> bool:
        """Idle, and neither its last message nor its leaving the pool (a notebook that was all run while warm sends
        nothing when a page takes it) is more recent than :attr:`page_seconds`."""
        last = max(getattr(kernel, "last_activity", None) or handed, handed)
        return (getattr(kernel, "execution_state", "") == "idle"
                and dt.datetime.now(dt.UTC) - last > dt.timedelta(seconds=self.page_seconds))

    def full(self) -> bool:
        """Whether every kernel allowed is running or starting."""
        return len(self.list_kernel_ids()) + self._starting >= self.max_kernels

    async def start_kernel(self, *, kernel_id=None, **kwargs):
        if kernel_id is not None:  # a restart of a kernel already counted
            return await super().start_kernel(kernel_id=kernel_id, **kwargs)
        warm = kwargs.get("env", {}).get(ENV_VARIABLE.VOILA_PREHEAT) == "True"
        while self.full():
            if not warm:
                raise web.HTTPError(503, BUSY)
            await asyncio.sleep(1)
        self._starting += 1  # a kernel appears in list_kernel_ids() only once it has started
        try:
            return await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1


class _ForeignHost(Matcher):
    """Matches requests whose Host header is none of the addresses the server answers to."""

    def __init__(self, hosts: set[str]):
        self.hosts = hosts

    def match(self, request):
        return None if request.host.lower() in self.hosts else {}


class _Full(Matcher):
    """Matches a request for the app page while the server holds all the kernels it may."""

    def __init__(self, path: str, kernels: KernelLimit):
        self.path, self.kernels = path, kernels

    def match(self, request):
        return {} if request.method == "GET" and request.path == self.path and self.kernels.full() else None


class _Busy(web.RequestHandler):
    """Says plainly, and at once, that no page can be opened now (rather than keep it waiting for a kernel).

    The page tries again by itself every :data:`BUSY_RETRY` seconds, so a person who was turned away because of pages
    that are gone gets the app as soon as their kernels are released, without reloading.
    """

    def prepare(self):
        self.set_status(503)
        self.set_header("Retry-After", str(BUSY_RETRY))
        title = _("ghw is busy")
        self.finish(f'<!doctype html><html lang="{_lang()}"><meta charset="utf-8"><meta http-equiv="refresh" '
                    f'content="{BUSY_RETRY}"><title>{title}</title><p>{BUSY}</p></html>\n')


class _Refuse(web.RequestHandler):
    """Answers 403 to everything: pages, files and websockets alike."""

    def prepare(self):
        self.set_status(403)
        self.finish(_("ghw answers only at the address it printed when it started.") + "\n")


class _KernelChannels(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket, safe for clients of the older JSON protocol.

    Voila reads the header of every binary message as if it were framed by the ``v1.kernel.websocket.jupyter.org``
    protocol. A message with buffers sent to a client without that protocol (for example the widget states answering
    ``request_states``) then reads as a list of billions of offsets: the server grows by tens of MB a second and stops
    answering, even to SIGTERM. Those messages are never ``execute_input`` (the one type Voila filters out), so they
    go straight through here.
    """

    def write_message(self, message, binary=False):
        if isinstance(message, bytes) and not self.selected_subprotocol:
            return KernelWebsocketHandler.write_message(self, message, binary)
        return super().write_message(message, binary)


class _Page(TornadoVoilaHandler):
    """Voila's page, which also gives the browser its XSRF cookie.

    As its tab closes, the page asks the server to shut its kernel down, quoting that cookie; Voila's page never sets
    it, so the request was refused (403) and every closed or reloaded tab kept its kernel until culled. A few reloads
    within :data:`IDLE_SECONDS` then filled the server and the next page was refused as busy.
    """

    async def prepare(self):
        await super().prepare()
        self.xsrf_token  # noqa: B018 (reading it sets the cookie)
        _without_token(self.request)


def _without_token(request) -> None:
    """Take the token out of a request once it has been checked (in ``prepare``, before Voila reads the request).

    Voila hands the page's query and address to the page's kernel, and keeps them, for the kernel's id, for anyone who
    asks at ``/voila/query/<kernel id>``, which asks for no token; kernel ids show in ``ps``.
    """
    kept = [(k, v) for k, v in urllib.parse.parse_qsl(request.query, keep_blank_values=True) if k != "token"]
    request.query = urllib.parse.urlencode(kept)
    request.uri = request.path + (f"?{request.query}" if request.query else "")
    for arguments in (request.arguments, request.query_arguments):
        arguments.pop("token", None)


# Voila's handlers that the app server replaces with its own.
_HANDLERS = {VoilaKernelWebsocketHandler: _KernelChannels, TornadoVoilaHandler: _Page}


def _log_request(handler) -> None:
    """One line per request, as Tornado writes it, but never with the query string or a header, where a token is."""
    status = handler.get_status()
    level = logging.DEBUG if status < 300 or status == 304 else logging.INFO if status < 400 else \
        logging.WARNING if status < 500 else logging.ERROR
    access_log.log(level, "%d %s %s (%s) %.2fms", status, handler.request.method, handler.request.path,
                   handler.request.remote_ip, 1000 * handler.request.request_time())


class _Secret(logging.Filter):
    """Takes the token out of every log line, wherever it came from.

    Tornado writes a refused request with its query (``GET /?token=...``), and an error with the request's repr; the
    access log is written by :func:`_log_request` without queries, and this filter, on every handler, catches the rest.
    """

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message or "token=" in message:
            record.msg = re.sub(r"(token=)[^&\s'\"]+", r"\1[secret]", message.replace(self.token, "[secret]"))
            record.args = None
        return True


class AppServer(Voila):
    """Voila with a token always, a Host check, a safe kernel websocket, its own page templates and optional HTTPS."""

    certfile = Unicode("", config=True, help="TLS certificate (PEM); with keyfile, the app is served over HTTPS.")
    keyfile = Unicode("", config=True, help="TLS private key (PEM) for certfile.")

    def initialize(self, argv=None):
        # Taken out of the environment before any kernel starts, so that no kernel inherits it.
        token = os.environ.pop(TOKEN_VARIABLE, None)
        super().initialize(argv)
        self.token = token or secrets.token_urlsafe(24)
        secret = _Secret(self.token)
        root = logging.getLogger()
        if not root.handlers:  # Tornado's own loggers would fall through to Python's last resort, unfiltered
            fallback = logging.StreamHandler()
            fallback.setLevel(logging.WARNING)
            root.addHandler(fallback)
        for handler in (*root.handlers, *self.log.handlers):
            handler.addFilter(secret)

    def setup_template_dirs(self):
        super().setup_template_dirs()
        self.template_paths = [str(TEMPLATES), *self.template_paths]  # ghw's pages first, then Voila's

    def init_handlers(self):
        return [(handler[0], _HANDLERS.get(handler[1], handler[1]), *handler[2:]) for handler in super().init_handlers()]

    def launch_browser(self):
        """Open the app in the browser, with its token, through a file only this user can read.

        The address is never on a command line (another account would see it in ``ps``); the file is in Jupyter's
        runtime folder, private to the user, and removed a minute later, once the browser has read it.
        """
        try:
            browser = webbrowser.get(self.browser or None)
        except webbrowser.Error as exc:
            self.log.warning("No web browser found: %s.", exc)
            return
        from jupyter_core.paths import jupyter_runtime_dir
        from tornado.ioloop import IOLoop

        url = f"{'https' if self.certfile else 'http'}://{self.ip}:{self.port}{self.base_url}?token={self.token}"
        folder = Path(jupyter_runtime_dir())
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        opener = folder / f"ghw-app-{os.getpid()}-open.html"
        with open(os.open(opener, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as file:
            title, link = _("Opening ghw"), _("Open ghw")
            file.write(f'<!doctype html><html lang="{_lang()}"><meta charset="utf-8"><meta http-equiv="refresh" '
                       f'content="0;url={url}"><title>{title}</title><p><a href="{url}">{link}</a></p></html>\n')
        IOLoop.current().call_later(60, lambda: opener.unlink(missing_ok=True))
        browser.open(opener.as_uri(), new=self.webbrowser_open_new)

    def served_hosts(self) -> set[str]:
        """The Host headers the server answers to: its own address, and localhost when that is 127.0.0.1."""
        names = {self.ip, "localhost"} if ipaddress.ip_address(self.ip).is_loopback else {self.ip}
        hosts = {f"{name}:{self.port}" for name in names}
        if self.port == (443 if self.certfile else 80):
            hosts |= names  # browsers leave the default port out
        return hosts

    def listen(self):
        # Voila has routed every path by now; these rules go first: any other Host is turned away, and a page is
        # refused while all kernels are taken.
        self.app.default_router.rules[:0] = [Rule(_ForeignHost(self.served_hosts()), _Refuse),
                                             Rule(_Full(self.base_url, self.kernel_manager), _Busy)]
        self.app.settings["log_function"] = _log_request
        self.app.settings.setdefault("headers", {})["Content-Security-Policy"] = LOCAL_ONLY
        if self.certfile:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.certfile, self.keyfile or None)
            # Voila itself has no HTTPS option; tornado's listen takes the TLS context.
            self.app.listen = functools.partial(type(self.app).listen, self.app, ssl_options=context)
        super().listen()


def app_command(port: int, *, ip: str = "127.0.0.1", certfile: Path | None = None,
                keyfile: Path | None = None, max_kernels: int = MAX_KERNELS, idle_seconds: int = IDLE_SECONDS,
                page_seconds: int = PAGE_SECONDS, cull_every: int = CULL_EVERY) -> list[str]:
    """Arguments for ``python`` that serve the app page on ``ip:port``; the browser gets widgets, never code or files.

    ``max_kernels``, ``idle_seconds``, ``page_seconds`` and ``cull_every`` bound the kernels (see
    :class:`KernelLimit`): kernels no page is connected to are shut down after ``idle_seconds``, and those no page
    ever connected to after ``page_seconds`` idle, looked for every ``cull_every`` seconds. The server asks for the
    token in the environment variable :data:`TOKEN_VARIABLE`.

    On POSIX systems the kernels are reached through Unix sockets (IPC), not TCP ports: a port chosen for a new
    kernel can be taken by another program before the kernel binds it, and the kernel then dies at start.

    The kernel pool is left empty over HTTPS: a warm kernel waits for its page through a websocket to the server,
    which a self-signed certificate would refuse.
    """
    command = [
        "-m", "ghw.server", str(_notebooks_dir() / "app.ipynb"),
        f"--Voila.ip={ip}", f"--port={port}", "--Voila.port_retries=0", "--theme=light",
        "--VoilaConfiguration.file_denylist=.*",
        "--VoilaConfiguration.multi_kernel_manager_class=ghw.server.KernelLimit",
        f"--KernelLimit.max_kernels={max_kernels}",
        f"--KernelLimit.page_seconds={page_seconds}",
        f"--MappingKernelManager.cull_idle_timeout={idle_seconds}",
        f"--MappingKernelManager.cull_interval={cull_every}",
        "--MappingKernelManager.cull_connected=False",
        "--VoilaConfiguration.preheat_kernel=True",
        f"--VoilaConfiguration.default_pool_size={0 if certfile else 1}",
    ]
    if os.name == "posix":  # kernels talk over files of the server's own, not ports another start could take first
        command.append("--KernelManager.transport=ipc")
    if certfile:
        command += [f"--AppServer.certfile={certfile}", f"--AppServer.keyfile={keyfile or ''}",
                    f"--Voila.custom_display_url=https://{ip}:{port}/"]
    return command


def _check_port(port: int, ip: str = "127.0.0.1") -> None:
    """Raise a plain :class:`GhwError` unless ``port`` is a port number that is free on ``ip``."""
    if not 1 <= port <= 65535:
        raise GhwError(_("--port must be a number from 1 to 65535; got {port}.").format(port=port))
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((ip, port))
        except OSError as exc:
            raise GhwError(_("Cannot listen on {ip}:{port} ({problem}); is ghw app already running there? Choose "
                             "another port with --port.").format(ip=ip, port=port, problem=exc.strerror)) from None


def lan_address() -> str:
    """This machine's address on its local network, found from the routing table (nothing is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 9))  # any private address: only the route is looked up
            address = sock.getsockname()[0]
        except OSError:
            address = "127.0.0.1"
    if ipaddress.ip_address(address).is_loopback:
        raise GhwError(_("This machine has no network address; --lan needs it to be on a (home) network."))
    return address


def run_app(port: int, *, lan: bool = False, certfile: Path | None = None, keyfile: Path | None = None,
            open_browser: bool = True) -> None:
    """``ghw app``: check the options, say where the app is, then become the app server."""
    if keyfile and not certfile:
        raise GhwError(_("--keyfile goes with --certfile."))
    if certfile:
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
        except (OSError, ssl.SSLError) as exc:
            files = _("{certfile} and {keyfile}").format(certfile=certfile, keyfile=keyfile) if keyfile else str(certfile)
            raise GhwError(_("Cannot serve HTTPS with {files} ({problem}): --certfile takes a PEM certificate, and "
                             "--keyfile its private key unless the certificate file holds it.").format(
                files=files, problem=exc.strerror or exc)) from None
    ip = lan_address() if lan else "127.0.0.1"
    _check_port(port, ip)
    command = [sys.executable, *app_command(port, ip=ip, certfile=certfile, keyfile=keyfile)]
    if not open_browser or lan:
        command.append("--no-browser")
    token = secrets.token_urlsafe(24)
    url = f"{'https' if certfile else 'http'}://{ip}:{port}/?token={token}"
    env = os.environ | {TOKEN_VARIABLE: token}
    if lan:
        env["VOILA_APP_IP"] = ip  # where a warm kernel reaches the server to wait for its page
        _announce_lan(url, https=bool(certfile))
    else:
        print(f"ghw app: {url}\n" + _("(this computer only; the address holds a secret token, a new one at each "
                                      "start: share it with no one)"), flush=True)
    os.execve(sys.executable, command, env)  # the process becomes the server


def _announce_lan(url: str, *, https: bool) -> None:
    import segno

    print(_("ghw app is reachable from other devices on this network (for a home network only):"), flush=True)
    print(f"\n    {url}\n")
    segno.make(url, error="m").terminal(compact=True)
    print("\n" + _("Anyone who has this address, with its token, can read and change your journal: share it with no "
                   "one."))
    if not https:
        print(_("The connection is not encrypted (no --certfile): use it only on a network you trust."))
    print(_("Stop with Ctrl+C; a new token is made at each start.") + "\n", flush=True)


# -- JupyterLab -------------------------------------------------------------------------------------------------------

# Settings defaults for JupyterLab: no question about fetching Jupyter news, no news, no update checks.
LAB_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
                 "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": False}}  # see ghw.lab


def lab_command() -> list[str]:
    """Arguments for ``python`` that open the notebooks in JupyterLab on 127.0.0.1, with nothing sent outside.

    JupyterLab takes its default settings from :data:`LAB_OVERRIDES`, written to ``overrides.json`` in a folder of
    the Jupyter runtime directory. The server itself fetches no news and checks no updates, and the language-server
    extension stops looking for servers that are not installed (it listed about twenty of them at every start).
    Notebooks are saved without outputs or widget state (:func:`ghw.lab.clean`), so using one leaves it unchanged.
    """
    from jupyter_core.paths import jupyter_runtime_dir

    settings = Path(jupyter_runtime_dir()) / "ghw-lab-settings"
    settings.mkdir(parents=True, exist_ok=True, mode=0o700)
    (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=2), encoding="utf-8")
    command = [
        "-m", "jupyterlab", f"--ServerApp.root_dir={_notebooks_dir()}", "--ServerApp.ip=127.0.0.1",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.app_settings_dir={settings}", "--LanguageServerManager.autodetect=False",
        "--ContentsManager.pre_save_hook=ghw.lab.clean",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def run_lab() -> None:
    """``ghw lab``: become JupyterLab."""
    os.execv(sys.executable, [sys.executable, *lab_command()])  # the process becomes JupyterLab


if __name__ == "__main__":
    AppServer.launch_instance()
