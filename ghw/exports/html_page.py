"""The session report as one self-contained HTML page: the same content as the PDF, in the same order.

Page 1's parts come first (the span, mood, check-ins, connections with their
panel, intentions and experiments, the clearest findings), then the charts,
then the appendix of every finding and the note on care
(:func:`ghw.exports._report.layout`). Rendered by Jinja2 with autoescaping,
so every text from the journal is escaped; the page's content security
policy lets it load nothing at all. Each chart is an image whose alternative
text is its title, which is drawn on it once.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

import jinja2

from .. import care, i18n, theme
from ..i18n import _
from ._base import Export, register

if TYPE_CHECKING:  # only for annotations: the registry loads without summaries, charts or SciPy
    from ..summary import Summary

_TEMPLATE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{{ r.title }}</title>
<style>body{font-family:{{ t.FONT|safe }};font-size:{{ t.TYPE.body }}px;max-width:48rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:{{ t.INK }};background:{{ t.PAGE }}} h1{font-size:{{ t.TYPE.display }}px;margin:0 0 .25rem}
h2{font-size:{{ t.TYPE.title }}px;margin:2rem 0 .5rem} h3,.page-one h2{font-size:{{ t.TYPE.lead }}px;margin:1.25rem 0 .25rem}
.muted{color:{{ t.MUTED }}} img{max-width:100%;height:auto} figure{margin:1rem 0}
.page-one{border-bottom:1px solid {{ t.LINE }};padding-bottom:1rem}
.care{background:{{ t.CARE }};padding:{{ t.SPACE * 1.5 }}px {{ t.SPACE * 2 }}px;border-radius:{{ t.RADIUS.card }}px}</style>
</head><body>
<main>
<section class="page-one" aria-label="{{ w.glance }}">
<h1>{{ r.title }}</h1>
<p class="muted">{{ r.subtitle }}</p>
{% for block in r.blocks %}<h2>{{ block.heading }}</h2>
{% if block.lines|length > 1 %}<ul>{% for line in block.lines %}<li>{{ line }}</li>{% endfor %}</ul>
{% else %}<p>{{ block.lines[0] }}</p>{% endif %}
{% if block.panel and panel %}<figure><img alt="{{ w.panel }}" src="data:image/png;base64,{{ panel }}"></figure>{% endif %}
{% endfor %}
<p class="muted">{{ r.footer }}</p>
</section>
<section aria-label="{{ w.charts }}"><h2>{{ w.charts }}</h2>
{% for title, data in charts %}<figure><img alt="{{ title }}" src="data:image/png;base64,{{ data }}"></figure>
{% endfor %}</section>
<section aria-label="{{ w.appendix }}"><h2>{{ w.every }}</h2>
{% for entry in r.appendix %}<h3>{{ entry.title }}</h3><p class="muted">{{ entry.scope }}</p>
{% if entry.answers %}<ul>{% for answer in entry.answers %}<li>{{ answer }}</li>{% endfor %}</ul>{% endif %}
{% if entry.numbers %}<p><b>{{ w.how_sure }}</b></p><ul>{% for line in entry.numbers %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
{% if entry.sentence %}<p>{{ w.in_full.format(sentence=entry.sentence) }}</p>{% endif %}
{% endfor %}</section>
<div class="care"><p>{{ not_a_device }}</p><p>{{ w.crisis }}</p>
<ul>{% for who, how in crisis %}<li>{{ who }}: {{ how }}</li>{% endfor %}</ul>
<p><small>{{ w.checked.format(day=checked) }}</small></p></div>
</main>
</body></html>
""")


def _words() -> dict[str, str]:
    """The page's own words (headings, labels, alternative texts), in the language ghw speaks."""
    return {
        "glance": _("The span at a glance"),
        "panel": _("Connections by kind, and the give and take"),
        "charts": _("Charts"),
        "appendix": _("Appendix"),
        "every": _("Appendix: every finding"),
        "how_sure": _("How sure:"),
        "in_full": _("In full: {sentence}"),
        "crisis": _("If you are in crisis:"),
        "checked": _("Contacts last checked {day}."),
    }


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def write(report: Summary) -> bytes:
    """The page as UTF-8 bytes."""
    from matplotlib.figure import Figure

    from . import _report  # matplotlib and the findings load only when a report is made

    content = _report.layout(report)
    charts, panel = [], ""
    with theme.chart_style():
        for chart in content.charts:
            figure = Figure(figsize=(8, 3.4) if chart.wide else (7, 3.4), layout="constrained")  # the page's width
            _report.draw(chart, figure.add_subplot())
            charts.append((chart.title, _png(figure)))
        if any(block.panel for block in content.blocks):
            figure = Figure(figsize=(8, 2.6), layout="constrained")
            _report.draw_panel(report, *figure.subplots(1, 2, width_ratios=(1, 1.3)))
            panel = _png(figure)
    return _TEMPLATE.render(
        t=theme, r=content, charts=charts, panel=panel, w=_words(), lang=i18n.language().replace("_", "-"),
        not_a_device=care.NOT_A_MEDICAL_DEVICE,
        crisis=care.CRISIS_RESOURCES, checked=care.CHECKED,
    ).encode("utf-8")


EXPORT = register(Export("html", _("HTML session report (charts included)"), _("the same as the PDF on one page: the "
                         "span at a glance, the charts, every finding with its numbers, and a note on care and where "
                         "to find help"), write))
