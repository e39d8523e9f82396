"""The app and the HTML report for everyone: axe-core scans, labels, the keyboard alone, and every tab on a phone.

One app server on a copy of the sample journal serves every test here; each test opens its own page.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import daylio_export
import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser import TOKEN, _free_port, _serve, _stop, browser  # noqa: F401 (browser is a fixture)

import ghw
from ghw import paths, server
from ghw.vocabulary import label

# The pictures land beside the other tests' screenshots; docs/images holds the README's copies of them.
IMAGES = paths.PROJECT_DIR / "build" / "screenshots"
# Each tab: its title, what shows it is ready, and the name of its picture in docs/images.
TABS = (("Log", ".ghw-save", "log"), ("Reflect", ".ghw-reflect img", "reflect"),
        ("People", ".ghw-people-mix img", "people"), ("Check-in", ".ghw-checkin-save", "checkin"),
        ("Experiment", ".ghw-experiment-go", "experiment"), ("Import", ".ghw-import-activity", "import"),
        ("This month", ".ghw-month-figure img", "month"))
SERIOUS = ("serious", "critical")
OPEN_TAB = ".widget-tab-contents > .widget-box:not(.lm-mod-hidden)"
# Controls that must fit the screen and not cover each other: labelled fields, buttons, choice buttons.
CONTROLS = (".widget-inline-hbox:not(.widget-html), .widget-button, .widget-toggle-button, .widget-radio-box label, "
            ".widget-checkbox")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """``ghw app`` on a copy of the sample journal, for every test of this module."""
    import os

    home = tmp_path_factory.mktemp("app")
    journal = shutil.copy(paths.SAMPLE_JOURNAL, home / "journal.csv")
    (home / "imports").mkdir()  # an export chosen before, so that the Import tab shows its two tables
    (home / "imports" / "daylio.csv").write_text(daylio_export.export("scales", days=20), encoding="utf-8")
    env = os.environ.copy()
    env.update(GHW_JOURNAL=str(journal), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_CONFIG_DIR=str(home / "config"), **{server.TOKEN_VARIABLE: TOKEN})
    port = _free_port()
    with open(home / "voila.log", "w") as log:
        app = _serve([sys.executable, *server.app_command(port), "--no-browser"], f"http://127.0.0.1:{port}/", env, log)
    yield f"http://127.0.0.1:{port}/?token={TOKEN}", journal
    _stop(app)


def _open(browser, url, width, height):  # noqa: F811 (browser is the fixture's value)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    page.wait_for_selector(".ghw-save")
    return page


def _show(page, title, ready):
    page.locator(".lm-TabBar-tabLabel", has_text=title).first.click()
    page.wait_for_selector(f"{OPEN_TAB} {ready}")
    page.evaluate("window.scrollTo(0, 0)")


def _serious(results) -> list[str]:
    """Each violation of impact serious or critical, as 'rule: where' lines."""
    return [f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary']}"
            for v in results.response["violations"] if v["impact"] in SERIOUS for node in v["nodes"]]


def _picture(page, path, home):
    """The screen as a picture for the README, with the test's temporary folder shortened to '…'."""
    page.evaluate("""(home) => { const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) walk.currentNode.nodeValue = walk.currentNode.nodeValue.replaceAll(home, '…'); }""",
                  str(home))
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, scale="css")


def _layout_problems(page, width) -> list[str]:
    """Controls of the open tab that reach past the screen's edges or cover another control."""
    boxes = page.evaluate("""([tab, selector]) => {
        tab = document.querySelector(tab);
        const shown = [...tab.querySelectorAll(selector)].filter(e => e.offsetParent && e.getClientRects().length);
        return shown.map(e => { const r = e.getBoundingClientRect();
            return {name: e.className + ' ' + e.innerText.slice(0, 30), left: r.left, right: r.right,
                    top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height,
                    button: e.matches('.widget-button, .widget-toggle-button, .widget-radio-box label'),
                    inside: shown.filter(o => o !== e && (o.contains(e) || e.contains(o))).map(o => shown.indexOf(o))}; });
    }""", [OPEN_TAB, CONTROLS])
    assert boxes
    problems = [f"past the edge: {b['name']} ({b['left']:.0f}-{b['right']:.0f})" for b in boxes
                if b["right"] > width + 1 or b["left"] < -1]
    # Nor any text, table or picture cut off by the tab's edge, but for what scrolls sideways on purpose.
    problems += page.evaluate("""(tab) => { tab = document.querySelector(tab); const edge = tab.getBoundingClientRect();
        return [...tab.querySelectorAll('*')].filter(e => e.getClientRects().length && !e.closest('.ghw-scroll'))
            .filter(e => { const r = e.getBoundingClientRect(); return r.width && (r.right > edge.right + 1 || r.left < edge.left - 1); })
            .map(e => `cut off: ${e.tagName} ${e.className} ${e.innerText ? e.innerText.slice(0, 30) : ''}`); }""", OPEN_TAB)
    problems += [f"overlap: {a['name']} / {b['name']}" for i, a in enumerate(boxes) for j, b in enumerate(boxes)
                 if i < j and j not in a["inside"] and a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1
                 and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1]
    # Every field has a label of its own: a placeholder is gone once something is typed.
    problems += page.evaluate("""(tab) => [...document.querySelector(tab).querySelectorAll('input, select, textarea')]
        .filter(e => e.getClientRects().length && !e.getAttribute('aria-label')
                     && ![...(e.labels || [])].some(l => l.innerText.trim()))
        .map(e => `no label: ${e.outerHTML.slice(0, 80)}`)""", OPEN_TAB)
    if width < 600:  # a thumb needs room: buttons and the answers of a questionnaire
        problems += [f"under 44 px high: {b['name']} ({b['height']:.0f})" for b in boxes
                     if b["button"] and b["height"] < 43.5]
    return problems


@pytest.mark.browser
@pytest.mark.xdist_group("axe-app")  # one worker, one server
@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_every_tab_fits_and_passes_axe(browser, app_url, width, height):  # noqa: F811
    """Each tab, opened in turn: no control past the screen or over another, and no serious axe-core violation.

    At desktop width the logging form's fields are also looked up by their labels.
    """
    page = _open(browser, app_url[0], width, height)
    axe, problems = Axe(), {}
    for title, ready, name in TABS:
        _show(page, title, ready)
        if title == "Log" and width > 600:
            _check_labels(page)
        found = _layout_problems(page, width) + _serious(axe.run(page))
        if found:
            problems[title] = found
        if width < 600:
            _picture(page, IMAGES / f"app-phone-{name}.png", app_url[1].parent)
        elif title == "Reflect":
            _picture(page, IMAGES / "app-desktop.png", app_url[1].parent)
    page.context.close()
    assert not problems, problems


def _check_labels(page):
    """What a screen reader says for each field of the logging form is the label a sighted person reads."""
    form = page.locator(".ghw-log")
    for name, kind in (("date", "input"), ("time", "input"), ("person", "input"), ("relationship", "select"),
                       ("activity", "input"), ("channel", "select"), ("minutes", "input"), ("note", "textarea")):
        field = form.get_by_label(label(name), exact=True)
        assert field.count() == 1 and field.evaluate("e => e.tagName.toLowerCase()") == kind, name
    # A choice button is named by its text, and says which question it answers.
    for name, text in (("mood", "7"), ("quality", "5 deeply"), ("initiated_by", "both of us"), ("support", "I received")):
        button = form.get_by_role("button", name=text, exact=True)
        assert button.count() == 1 and button.get_attribute("title") == f"{label(name)}: {text}", name
    assert form.get_by_role("button", name="Save").count() == 1


def _focused(page) -> str:
    """The ghw class of the control that has the keyboard's focus, and the focused element's text or value."""
    return page.evaluate("""() => { const e = document.activeElement;
        const owner = e.closest('[class*="ghw-"]');
        const name = owner ? [...owner.classList].find(c => c.startsWith('ghw-')) : '';
        return name + ':' + (e.innerText || e.value || '').trim(); }""")


def _tab_to(page, target: str, limit: int = 40) -> None:
    """Press Tab until the focus is on ``target`` ('ghw-class:text'), as a person watching the focus ring would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == target:
            return
    raise AssertionError(f"Tab never reached {target}")


@pytest.mark.browser
@pytest.mark.xdist_group("axe-app")
def test_an_entry_logged_with_the_keyboard_alone(browser, app_url):  # noqa: F811
    page = _open(browser, app_url[0], 1280, 900)
    page.keyboard.press("Tab")  # into the page: the tabs come first, and arrow keys move along them
    for key in ("ArrowRight", "ArrowRight", "ArrowRight", "Enter"):
        page.keyboard.press(key)
    page.wait_for_selector(f"{OPEN_TAB} .ghw-checkin-save")
    for key in ("ArrowLeft", "ArrowLeft", "ArrowLeft", "Enter"):
        page.keyboard.press(key)
    page.wait_for_selector(f"{OPEN_TAB} .ghw-save")
    _tab_to(page, "ghw-mood:8")
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")  # one back: 7, the mood meant
    assert _focused(page) == "ghw-mood:7"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert float(outline.removesuffix("px")) >= 2, outline  # the focus can be seen
    page.keyboard.press("Enter")
    _tab_to(page, "ghw-person:")
    page.keyboard.type("Robin Keys")
    page.keyboard.press("Tab")
    page.keyboard.type("fr")  # the list jumps to "friend"
    _tab_to(page, "ghw-minutes:")
    page.keyboard.type("35")
    _tab_to(page, "ghw-quality:4")
    page.keyboard.press("Space")
    _tab_to(page, "ghw-note:")
    page.keyboard.type("Typed, never clicked")
    _tab_to(page, "ghw-save:Save")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ghw-status >> text=✓ Saved")
    page.context.close()
    entries = ghw.load(app_url[1])
    [entry] = entries.loc[entries["person"] == "Robin Keys"].to_dict("records")
    assert (entry["mood"], entry["relationship"], entry["minutes"], entry["quality"], entry["note"]) == (
        7, "friend", 35, 4, "Typed, never clicked")


@pytest.mark.browser
def test_the_html_report_passes_axe(browser, tmp_path):  # noqa: F811
    report = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "ghw", "export", "--journal", str(paths.SAMPLE_JOURNAL), "--format", "html",
                    "--month", "2026-10", "--out", str(report)], check=True, capture_output=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(report.as_uri())
    problems = _serious(Axe().run(page))
    context.close()
    assert not problems, problems


def _contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two colours written #rgb or #rrggbb."""
    def luminance(colour):
        digits = colour.lstrip("#")
        digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
        channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_colours_meet_wcag_aa():
    """Every text colour the pages and reports set reads at 4.5:1 on white and on every background they set.

    axe sees only what is on screen when it scans; a warning shown after a failed save is checked here.
    """
    package = Path(ghw.__file__).parent
    sources = [*(package / "widgets").glob("*.py"), *(package / "exports").glob("*.py")]
    text = "\n".join(path.read_text() for path in sources)
    colours = set(re.findall(r"(?<![-\w])color\s*:\s*(#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3})\b", text))
    backgrounds = {"#FFFFFF", *re.findall(r"background(?:-color)?\s*:\s*(#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3})\b", text)}
    assert len(colours) >= 3 and len(backgrounds) >= 3, (colours, backgrounds)
    weak = [(fg, bg, round(_contrast(fg, bg), 2)) for fg in colours for bg in backgrounds if _contrast(fg, bg) < 4.5]
    assert not weak, weak
