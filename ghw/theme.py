"""ghw's look in one place: colours, type, spacing and corners, for the pages, the charts and the exports.

Everything a person sees takes its colours and sizes from here, so that the
logging form, a chart and a PDF for a therapist look like one thing.
``docs/design.md`` shows the palette and says where each part is used.

- **Mood** is coloured on one perceptually even scale (matplotlib's
  ``viridis``): its lightness rises steadily from 0 to 10, so the order of
  moods reads the same to people with any kind of colour blindness and in
  greyscale; :data:`MOOD_WORDS` name its two ends and its middle.
- **No entry** is never a colour of that scale: it is an empty square
  (:data:`NO_ENTRY` inside a :data:`NO_ENTRY_EDGE` outline), told apart from a
  mood by its shape as well as its colour.
- **Categories** (kinds of line in one chart) take the Okabe-Ito colours, which
  stay distinct for colour-blind readers.
- **Text** colours read at 4.5:1 or more on every background ghw sets (WCAG
  AA); a chosen state is marked by :data:`INK` at 3:1 or more against the page.

This module imports nothing heavy: the widgets' style sheet uses it before
matplotlib is loaded. :func:`chart_style` is the one matplotlib style.
"""

from __future__ import annotations

import contextlib

from .i18n import _

__all__ = [
    "MOOD", "MOOD_SCALE", "MOOD_WORDS", "NO_ENTRY", "NO_ENTRY_EDGE", "OKABE_ITO", "BLUE", "ORANGE", "GREEN",
    "VERMILLION", "SKY", "PURPLE", "YELLOW", "GREY", "INK", "MUTED", "PAGE", "CANVAS", "LINE", "ACCENT", "WARN",
    "OK", "SAMPLE", "CARE", "IDEA", "TODAY", "CARD", "FONT", "TYPE", "SPACE", "RADIUS", "TAP", "CHART_DPI",
    "CHART_FONT_PT", "CHART_FONT_PT_PHONE", "chart_smallest_px", "contrast", "text_on", "mood_colour", "mood_word",
    "css_variables", "chart_rc", "chart_style",
]

# -- colours ----------------------------------------------------------------------------------------------------------

# Mood 0 to 10: viridis at 0, 0.1, ... 1 (checked against matplotlib in tests/plots/test_theme.py).
MOOD_SCALE = "viridis"
MOOD = ("#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884", "#44bf70", "#7ad151", "#bddf26",
        "#fde725")
MOOD_WORDS = {0: _("very low"), 5: _("okay"), 10: _("very good")}
NO_ENTRY, NO_ENTRY_EDGE = "#FFFFFF", "#8C959F"

# Okabe & Ito (2008), "Color Universal Design": eight colours distinct under every common colour blindness.
BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, GREY = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9",
                                                              "#CC79A7", "#F0E442", "#999999")
OKABE_ITO = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, "#000000")

INK = "#1F2328"  # text, and the ring of a chosen mood
MUTED = "#57606A"  # secondary text: 6.4:1 on white
PAGE = "#FFFFFF"
CANVAS = "#F6F8FA"  # behind cards
LINE = "#8C959F"  # borders of controls: 3:1 on white (WCAG's non-text contrast)
ACCENT = "#1A5FB4"  # the primary button, links, the focus ring
WARN = "#B34700"  # a problem: 5.5:1 on white
OK = "#007A5A"  # a success: 5.3:1 on white
# Backgrounds of notes: the sample, care, a small idea, today's experiment, a card.
SAMPLE, CARE, IDEA, TODAY, CARD = "#FFF3D6", "#F3F0FA", "#EEF6FB", "#FDF1E3", "#FFFFFF"

# -- type, space, corners ---------------------------------------------------------------------------------------------

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TYPE = {"small": 13, "body": 16, "lead": 18, "title": 22, "display": 28}  # CSS px; nothing below 11
SPACE = 8  # CSS px: every gap is a multiple of it
RADIUS = {"control": 8, "card": 12, "pill": 999}
TAP = 44  # CSS px: the least height of anything a finger presses
# Charts: points at 96 dots an inch, so that a point is 4/3 CSS px when a chart is shown at its drawn size.
# The smallest text of a chart is matplotlib's "small", 5/6 of the body: 11.1 px on a desktop drawing; a phone's
# drawing is set larger (13.3 px), so that a box that narrows it by a tenth still shows 11 px or more.
CHART_DPI = 96
CHART_FONT_PT = {"body": 10, "small": 9, "title": 11}
CHART_FONT_PT_PHONE = {"body": 12, "small": 11, "title": 13}


def _luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two colours written ``#rgb`` or ``#rrggbb`` (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(background: str) -> str:
    """:data:`INK` or white, whichever reads better on ``background``."""
    return INK if contrast(INK, background) >= contrast("#FFFFFF", background) else "#FFFFFF"


def mood_colour(mood: float) -> str:
    """The colour of a mood from 0 to 10 (rounded to the nearest whole mood)."""
    return MOOD[min(10, max(0, round(mood)))]


def mood_word(mood: int) -> str:
    """The word for a mood at an end or the middle of the scale, else ''."""
    return MOOD_WORDS.get(mood, "")


# -- the pages' style sheet -------------------------------------------------------------------------------------------


def css_variables() -> str:
    """The theme as CSS custom properties on ``.ghw-app`` and every ghw widget (``var(--ghw-ink)`` and so on)."""
    values = {"ink": INK, "muted": MUTED, "page": PAGE, "canvas": CANVAS, "line": LINE, "accent": ACCENT,
              "warn": WARN, "ok": OK, "sample": SAMPLE, "care": CARE, "idea": IDEA, "today": TODAY, "card": CARD,
              "font": FONT, "space": f"{SPACE}px", "tap": f"{TAP}px",
              **{f"mood-{i}": colour for i, colour in enumerate(MOOD)},
              **{f"on-mood-{i}": text_on(colour) for i, colour in enumerate(MOOD)},
              **{f"size-{name}": f"{px}px" for name, px in TYPE.items()},
              **{f"radius-{name}": f"{px}px" for name, px in RADIUS.items()}}
    body = "".join(f"--ghw-{name}: {value}; " for name, value in values.items())
    return f":root {{ {body}}}"


# -- the charts' style ------------------------------------------------------------------------------------------------


def chart_smallest_px(phone: bool = False) -> float:
    """CSS px of a chart's smallest text (matplotlib's "small") when the chart is shown at the size it was drawn."""
    return (CHART_FONT_PT_PHONE if phone else CHART_FONT_PT)["body"] * 5 / 6 * 4 / 3


def chart_rc(phone: bool = False) -> dict:
    """The matplotlib settings every ghw chart is drawn with: the theme's type, ink and Okabe-Ito colours (with
    ``phone``, the larger type of a phone's drawing)."""
    from cycler import cycler

    sizes = CHART_FONT_PT_PHONE if phone else CHART_FONT_PT

    return {
        "figure.dpi": CHART_DPI, "savefig.dpi": CHART_DPI, "figure.facecolor": PAGE, "savefig.facecolor": PAGE,
        "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
        "font.size": sizes["body"], "axes.titlesize": sizes["title"], "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.labelsize": sizes["body"],
        "xtick.labelsize": sizes["small"], "ytick.labelsize": sizes["small"],
        "legend.fontsize": sizes["small"], "legend.title_fontsize": sizes["small"],
        "text.color": INK, "axes.labelcolor": INK, "axes.edgecolor": LINE, "xtick.color": MUTED, "ytick.color": MUTED,
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "axes.grid.axis": "y",
        "grid.color": "#E6E9ED", "grid.linewidth": 0.8, "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=list(OKABE_ITO)), "image.cmap": MOOD_SCALE,
        "lines.linewidth": 2, "legend.frameon": False,
    }


@contextlib.contextmanager
def chart_style(phone: bool = False):
    """``with chart_style():`` draws what is inside it in ghw's chart style (matplotlib's ``rc_context``)."""
    import matplotlib

    with matplotlib.rc_context(chart_rc(phone)):
        yield
