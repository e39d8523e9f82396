"""The theme: a mood scale that is even and safe for colour-blind readers, readable text, one chart style."""

import io
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure

import ghw
from ghw import plots, sample, schema, tables, theme
from ghw.widgets import _messages, style


def _lab(colour):
    """CIE L*a*b* (D65) of an sRGB colour."""
    rgb = np.array(to_rgb(colour))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz /= [0.95047, 1.0, 1.08883]
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


# Machado, Oliveira & Fernandes (2009), severity 1.0: how the colour-blind see sRGB (on linear values).
_DEFICIENCIES = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def _seen(colour, deficiency):
    rgb = np.array(to_rgb(colour))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    out = np.clip(np.array(_DEFICIENCIES[deficiency]) @ linear, 0, 1)
    return to_hex(np.where(out <= 0.0031308, out * 12.92, 1.055 * out ** (1 / 2.4) - 0.055))


def test_the_mood_scale_is_viridis_with_words_at_its_ends_and_middle():
    scale = matplotlib.colormaps[theme.MOOD_SCALE]
    assert list(theme.MOOD) == [to_hex(scale(i / 10)) for i in range(11)]
    assert sorted(theme.MOOD_WORDS) == [0, 5, 10]
    assert theme.mood_colour(7.4) == theme.MOOD[7] and theme.mood_colour(-3) == theme.MOOD[0]


@pytest.mark.parametrize("deficiency", [None, *_DEFICIENCIES])
def test_the_mood_scale_is_even_and_ordered_for_every_eye(deficiency):
    """Lightness rises at every step, for normal vision and each full colour blindness; steps stay even."""
    colours = [c if deficiency is None else _seen(c, deficiency) for c in theme.MOOD]
    lightness = np.array([_lab(c)[0] for c in colours])
    steps = np.diff(lightness)
    assert (steps > 3).all(), steps
    assert steps.max() / steps.min() < 2.5, steps


def test_no_entry_is_no_mood():
    """The empty square's colour is far from every mood's for every eye (CIE76 distance over 15, where 2.3 is just
    noticeable); its outline sets it apart by shape as well."""
    for deficiency in (None, *_DEFICIENCIES):
        seen = (lambda c: c) if deficiency is None else (lambda c, d=deficiency: _seen(c, d))
        distances = [np.linalg.norm(_lab(seen(theme.NO_ENTRY)) - _lab(seen(mood))) for mood in theme.MOOD]
        assert min(distances) > 15, (deficiency, min(distances))
    assert theme.contrast(theme.NO_ENTRY_EDGE, theme.PAGE) >= 3  # the outline is seen on the page


def test_text_and_marks_are_readable():
    backgrounds = [theme.PAGE, theme.CANVAS, theme.CARD, *_messages.NOTES.values()]
    for text in (theme.INK, theme.MUTED, theme.WARN, theme.OK, theme.ACCENT):
        for background in backgrounds:
            assert theme.contrast(text, background) >= 4.5, (text, background)
    assert theme.contrast(theme.LINE, theme.PAGE) >= 3 and theme.contrast(theme.INK, theme.PAGE) >= 3
    for colour in theme.MOOD:  # the number on a mood button is large bold text (20 px), which WCAG AA puts at 3:1
        assert theme.contrast(theme.text_on(colour), colour) >= 3, colour


def test_the_style_sheet_takes_the_theme():
    """The style sheet names its colours through the theme's variables (white and a card's hairline aside)."""
    assert f"--ghw-mood-10: {theme.MOOD[10]}" in style.CSS and f"--ghw-accent: {theme.ACCENT}" in style.CSS
    rules = style.CSS.replace(theme.css_variables(), "")
    assert set(re.findall(r"#[0-9A-Fa-f]{6}\b", rules)) <= {"#FFFFFF", "#D0D7DE"}
    assert rules.count("var(--ghw-") > 20


def test_charts_are_drawn_in_the_chart_style():
    with theme.chart_style():
        figure = Figure()
        ax = plots.plot_mood_timeline(tables.daily(schema.validate(sample.generate(30, seed=2))[0]), ax=figure.add_subplot())
        assert ax.title.get_fontsize() == theme.CHART_FONT_PT["title"]
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0] == theme.BLUE
    assert matplotlib.rcParams["axes.titlelocation"] == "center"  # the style stays inside the with block
    smallest = min(t.get_fontsize() for t in [*ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts,
                                              *ax.get_legend().get_texts()])
    assert smallest * 4 / 3 >= 11  # CSS px at the drawn size


def test_year_in_pixels_draws_days_without_entry_hollow():
    entries, _ = schema.validate(sample.generate(120, seed=5))
    entries = entries.loc[entries["date"].dt.day % 3 != 0]  # every third day missing
    with theme.chart_style():
        ax = plots.plot_calendar(tables.daily(entries), ax=Figure().add_subplot())
    [hollow] = ax.collections
    assert to_hex(hollow.get_facecolor()[0]) == theme.NO_ENTRY.lower()
    assert to_hex(hollow.get_edgecolor()[0]) == theme.NO_ENTRY_EDGE.lower()
    missing = len(tables.daily(entries).pipe(lambda d: d.loc[d["mood"].isna()]))
    assert len(hollow.get_paths()) >= missing > 0


def test_pages_and_reports_take_their_colours_from_the_theme():
    """No widget or export writes a colour of its own: each comes from ghw.theme, whose pairs are checked above.

    axe sees only what is on screen when it scans; a warning shown after a failed save is covered here.
    """
    package = Path(ghw.__file__).parent
    sources = [*(package / "widgets").glob("*.py"), *(package / "exports").glob("*.py")]
    found = {str(path.name): re.findall(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b", path.read_text()) for path in sources}
    own = {name: colours for name, colours in found.items() if set(colours) - {"#FFFFFF", "#D0D7DE"}}
    assert not own, own


def test_charts_are_drawn_for_the_width_they_are_shown_at():
    """A phone gets a drawing about as wide as its screen (twice the pixels), so its text is shown at its drawn size; a page
    that says its width gets that drawing only."""
    from PIL import Image

    from ghw.widgets import figures

    def draw(ax):
        return ax.plot([1, 2, 3])

    chart = figures.Chart("a line")
    try:
        figures.draw_for(390)
        chart.draw(draw, wide=True)
        assert "srcset" in chart.value and "<picture>" not in chart.value
        width = Image.open(io.BytesIO(chart.png)).width / 2  # CSS px at twice the pixels
        assert 300 <= width <= 340  # a 390 px screen less the page's margins and a box's indent
        figures.draw_for(1280)
        chart.draw(draw, wide=True)
        assert "srcset" not in chart.value and Image.open(io.BytesIO(chart.png)).width == 864
    finally:
        figures.draw_for(None)
    chart.draw(draw, wide=False)
    assert chart.value.startswith("<picture><source media='(max-width: 600px)'")
