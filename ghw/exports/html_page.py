"""A self-contained HTML page: the sentences, the charts embedded, and the care note.

Rendered by Jinja2 with autoescaping, so every text from the journal is
escaped; the page's content security policy lets it load nothing at all.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

import jinja2

from .. import care, theme
from ._base import Export, register

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary

_TEMPLATE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>ghw summary {{ period }}</title>
<style>body{font-family:{{ t.FONT|safe }};font-size:{{ t.TYPE.body }}px;max-width:48rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:{{ t.INK }};background:{{ t.PAGE }}} h1{font-size:{{ t.TYPE.display }}px;margin:0 0 .25rem}
.period{color:{{ t.MUTED }};margin:0 0 1.5rem} img{max-width:100%;height:auto} figure{margin:1.5rem 0}
figcaption{color:{{ t.MUTED }};font-size:{{ t.TYPE.small }}px}
.care{background:{{ t.CARE }};padding:{{ t.SPACE * 1.5 }}px {{ t.SPACE * 2 }}px;border-radius:{{ t.RADIUS.card }}px}</style>
</head><body>
<main>
<h1>ghw summary: {{ period }}</h1>
<p class="period">{{ start }} to {{ end }}</p>
<ul class="summary">{% for sentence in sentences %}<li>{{ sentence }}</li>{% endfor %}</ul>
{% for title, data in charts %}<figure><img alt="{{ title }}" src="data:image/png;base64,{{ data }}">
<figcaption>{{ title }}</figcaption></figure>
{% endfor %}
<div class="care"><p>{{ not_a_device }}</p><p>If you are in crisis:</p>
<ul>{% for who, how in crisis %}<li>{{ who }}: {{ how }}</li>{% endfor %}</ul>
<p><small>Contacts last checked {{ checked }}.</small></p></div>
</main>
</body></html>
""")


def write(report: Summary) -> bytes:
    """The page as UTF-8 bytes."""
    from . import _charts  # matplotlib and the findings load only when a chart is drawn

    charts = [(title, base64.b64encode(png).decode("ascii")) for title, png in _charts.pngs(report)]
    return _TEMPLATE.render(
        t=theme, period=report.period, start=report.start, end=report.end, sentences=report.sentences(), charts=charts,
        not_a_device=care.NOT_A_MEDICAL_DEVICE, crisis=care.CRISIS_RESOURCES, checked=care.CHECKED,
    ).encode("utf-8")


EXPORT = register(Export("html", "HTML page (charts included)", "the charts, the summary sentences and a note on "
                         "care and where to find help", write))
