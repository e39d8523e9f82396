"""The app and the HTML report for everyone: axe-core scans, labels, the keyboard alone, every tab on a phone,
and every tab as it looked when its picture was last accepted.

One app server on a copy of the sample journal serves every test here; each test opens its own page.

The pictures of each tab at both widths land in ``build/screenshots/`` at every run and are compared with the
accepted ones in ``tests/app/visual/`` within a tolerance (what changes with the day, like the idea of the day, is
painted over first). After a change of look that is meant, accept the new pictures with
``GHW_ACCEPT_PICTURES=1 pytest tests/app/test_accessibility.py -k axe`` and commit them.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import daylio_export
import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser import TOKEN, _free_port, _serve, _stop, browser  # noqa: F401 (browser is a fixture)

import ghw
from ghw import paths, server, theme
from ghw.vocabulary import label

# The pictures land beside the other tests' screenshots; docs/images holds the documentation's copies.
IMAGES = paths.PROJECT_DIR / "build" / "screenshots"
VISUAL = Path(__file__).parent / "visual"  # the accepted pictures
# What may change from one day to the next, painted over before pictures are compared.
CHANGING = (".ghw-nudge", ".ghw-when", ".ghw-checkin-due", ".ghw-experiment-start", ".ghw-people-due",
            ".ghw-experiment-explanation", ".ghw-today")
DIFFERENT = 40  # a pixel differs when a colour channel moves by more than this (of 255)
TOLERANCE = 0.02  # share of pixels that may differ: anti-aliasing, a cursor, a scroll bar
# Each tab: its title, what shows it is ready, and the name of its picture in docs/images.
TABS = (("Log", ".ghw-save", "log"), ("Reflect", ".ghw-reflect img", "reflect"),
        ("People", ".ghw-people-mix img", "people"), ("Check-in", ".ghw-checkin-save", "checkin"),
        ("Experiment", ".ghw-experiment-go", "experiment"), ("Import", ".ghw-import-activity", "import"),
        ("This month", ".ghw-month-figure img", "month"), ("Plan", ".ghw-plan-calendar", "plan"),
        ("Share", ".ghw-share-write", "share"))
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


def _violations(results) -> list[str]:
    """Each violation, of any impact, as 'rule (impact): where' lines."""
    return [f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary']}"
            for v in results.response["violations"] for node in v["nodes"]]


def _picture(page, path, home):
    """The screen as a picture for the docs, with the test's temporary folder shortened to '…'."""
    page.evaluate("""(home) => { const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) walk.currentNode.nodeValue = walk.currentNode.nodeValue.replaceAll(home, '…'); }""",
                  str(home))
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, scale="css")


def _compare(page, name: str) -> list[str]:
    """The screen as ``build/screenshots/visual/NAME.png``, against ``tests/app/visual/NAME.png``: a problem if they
    differ.

    With ``GHW_ACCEPT_PICTURES`` set, the new picture becomes the accepted one.
    """
    from PIL import Image, ImageChops

    path = IMAGES / "visual" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    page.screenshot(path=path, scale="css", animations="disabled", caret="hide",
                    mask=[page.locator(f"{OPEN_TAB} {selector}") for selector in CHANGING])
    accepted = VISUAL / f"{name}.png"
    if os.environ.get("GHW_ACCEPT_PICTURES"):
        VISUAL.mkdir(exist_ok=True)
        shutil.copy(path, accepted)
    if not accepted.exists():
        return [f"no accepted picture {accepted.name}: look at {path}, then accept it (see this module's docstring)"]
    new, old = Image.open(path).convert("RGB"), Image.open(accepted).convert("RGB")
    if new.size != old.size:
        return [f"{name}: {new.size} against {old.size} accepted"]
    share = float((np.asarray(ImageChops.difference(new, old)).max(axis=2) > DIFFERENT).mean())
    return [f"{name}: {share:.1%} of pixels differ from the accepted picture ({path})"] if share > TOLERANCE else []


def _chart_text_problems(page, width) -> list[str]:
    """Charts of the open tab shown so much smaller than drawn that their smallest text is under 11 px."""
    smallest = theme.chart_smallest_px(phone=width <= 600)
    scales = page.evaluate("""(tab) => [...document.querySelector(tab).querySelectorAll('.ghw-chart img')]
        .filter(i => i.naturalWidth > 0 && i.getClientRects().length)
        .map(i => [i.alt, i.getBoundingClientRect().width / i.naturalWidth])""", OPEN_TAB)
    return [f"chart text at {smallest * scale:.1f} px: {alt}" for alt, scale in scales if smallest * scale < 11]


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
# The phone's width on every run; the laptop's in make slow (the same checks, the other accepted pictures).
@pytest.mark.parametrize("width, height", [(390, 844), pytest.param(1280, 900, marks=pytest.mark.slow)])
def test_every_tab_fits_and_passes_axe(browser, app_url, width, height):  # noqa: F811
    """Each tab, opened in turn: no control past the screen or over another, no axe-core violation at all, and the
    look accepted last (within a tolerance).

    At desktop width the logging form's fields are also looked up by their labels.
    """
    page = _open(browser, app_url[0], width, height)
    axe, problems = Axe(), {}
    size = "phone" if width < 600 else "desktop"
    for title, ready, name in TABS:
        _show(page, title, ready)
        if title == "Log" and width > 600:
            _check_labels(page)
        _picture(page, IMAGES / f"app-{size}-{name}.png", app_url[1].parent)
        found = (_layout_problems(page, width) + _chart_text_problems(page, width) + _violations(axe.run(page))
                 + _compare(page, f"{name}-{size}"))
        if found:
            problems[title] = found
    page.context.close()
    assert not problems, problems


@pytest.mark.browser
@pytest.mark.xdist_group("axe-app")
def test_every_instrument_and_importer_page_fits_and_passes_axe(browser, app_url):  # noqa: F811
    """Each check-in instrument's questions and each importer's page, as the registries give them, on a phone."""
    from ghw.importers import IMPORTERS
    from ghw.instruments import INSTRUMENTS

    page = _open(browser, app_url[0], 390, 844)
    axe, problems = Axe(), {}
    _show(page, "Check-in", ".ghw-checkin-save")
    for found in INSTRUMENTS.values():
        page.locator(".ghw-checkin-instrument button", has_text=found.label).click()
        page.wait_for_selector(f"{OPEN_TAB} .ghw-checkin-item-{len(found.items)}")
        problems[found.name] = _layout_problems(page, 390) + _violations(axe.run(page))
    _show(page, "Import", ".ghw-import-source")
    for name, importer in IMPORTERS.items():
        page.locator(".ghw-import-source button", has_text=importer.label).click()
        page.wait_for_selector(f"{OPEN_TAB} .ghw-import-{'activity' if importer.page else 'file'}")
        problems[name] = _layout_problems(page, 390) + _violations(axe.run(page))
    page.context.close()
    assert not any(problems.values()), problems


def _check_labels(page):
    """What a screen reader says for each field of the logging form is the label a sighted person reads."""
    form = page.locator(".ghw-log")
    page.click(".ghw-more")  # the fields beyond the short path
    for name, kind in (("date", "input"), ("time", "input"), ("person", "input"), ("relationship", "select"),
                       ("activity", "input"), ("channel", "select"), ("minutes", "input"), ("note", "textarea")):
        field = form.get_by_label(label(name), exact=True)
        assert field.count() == 1 and field.evaluate("e => e.tagName.toLowerCase()") == kind, name
    # The mood is a radio group named by its label, each mood a radio named by its number (words at the ends).
    group = form.get_by_role("radiogroup", name="How do you feel? (mood, 0 to 10)")
    assert group.get_by_role("radio").count() == 11 and group.get_by_role("radio", name="10, very good").count() == 1
    assert group.get_by_role("radio", name="7", exact=True).get_attribute("aria-checked") == "false"
    # A choice button is named by its text, and says which question it answers.
    for name, text in (("quality", "5 deeply"), ("initiated_by", "both of us"), ("support", "I received")):
        button = form.get_by_role("button", name=text, exact=True)
        assert button.count() == 1 and button.get_attribute("title") == f"{label(name)}: {text}", name
    assert form.get_by_role("button", name="Save").count() == 1
    page.click(".ghw-more")


def _focused(page) -> str:
    """The ghw class of the control that has the keyboard's focus, and the focused element's text or value."""
    return page.evaluate("""() => { const e = document.activeElement;
        const owner = e.closest('[class*="ghw-"]');
        const name = owner ? [...owner.classList].find(c => c.startsWith('ghw-')) : '';
        return name + ':' + (e.innerText || e.value || '').trim(); }""")


def _tab_to(page, target: str, limit: int = 40, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until the focus is on ``target`` ('ghw-class:text'), as a person watching the focus
    ring would."""
    for _ in range(limit):
        page.keyboard.press(key)
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
    _tab_to(page, "ghw-mood:0")  # the mood is one stop for Tab; arrow keys choose within it
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")  # one back: 7, the mood meant
    assert _focused(page) == "ghw-mood:7"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-checked')") == "true"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert float(outline.removesuffix("px")) >= 2, outline  # the focus can be seen
    _tab_to(page, "ghw-person:")
    page.keyboard.type("Robin Keys")
    page.keyboard.press("Tab")
    page.keyboard.type("fr")  # the list jumps to "friend"
    _tab_to(page, "ghw-quality:4")
    page.keyboard.press("Space")
    _tab_to(page, "ghw-more:More: when, what, how long, a note")
    page.keyboard.press("Enter")
    _tab_to(page, "ghw-minutes:")
    page.keyboard.type("35")
    _tab_to(page, "ghw-note:")
    page.keyboard.type("Typed, never clicked")
    _tab_to(page, "ghw-save:Save", key="Shift+Tab")
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
    problems = _violations(Axe().run(page))
    context.close()
    assert not problems, problems
