"""``ghw lab`` and ``ghw app``: the notebooks in JupyterLab, and the app page without code (Voila)."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _

__all__ = ["register"]


def register(commands) -> None:
    """Add ``ghw lab`` and ``ghw app``."""
    lab = commands.add_parser("lab", help=_("open the notebooks in JupyterLab (on this computer only)"))
    lab.set_defaults(run=_lab)

    app = commands.add_parser("app", help=_("open logging and reflection as a plain page, without code (Voila)"))
    app.add_argument("--port", type=int, default=8866, help=_("port to serve on (default 8866)"))
    app.add_argument("--no-browser", action="store_true", help=_("do not open a browser"))
    app.add_argument("--lan", action="store_true",
                     help=_("serve on this machine's home-network address with a secret token (off by default)"))
    app.add_argument("--certfile", type=Path, help=_("TLS certificate (PEM) to serve over HTTPS"))
    app.add_argument("--keyfile", type=Path, help=_("TLS private key (PEM) for --certfile"))
    app.set_defaults(run=_app)


def _lab(args) -> None:
    from .. import server

    server.run_lab()


def _app(args) -> None:
    from .. import server

    server.run_app(args.port, lan=args.lan, certfile=args.certfile, keyfile=args.keyfile, open_browser=not args.no_browser)
