"""The documentation holds together: a short README, a front door that lists every page, and no link that leads nowhere."""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img\s[^>]*\bsrc=\"([^\"]+)\"")


def _prose(text: str, *, inline: bool = False) -> str:
    """``text`` without its fenced code blocks, and without inline code unless ``inline``: a bracket in code is
    not a link, while a heading's anchor keeps the words of its code."""
    kept, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            kept.append(line if inline else re.sub(r"`[^`]*`", "", line))
    return "\n".join(kept)


def links(path: Path) -> list[str]:
    """Every link and picture address in a Markdown page, outside code."""
    return [a or b for a, b in LINK.findall(_prose(path.read_text(encoding="utf-8")))]


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"<[^>]+>", "", heading).strip().lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading's anchor in a Markdown page; a heading that repeats gets -1, -2… as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    for line in _prose(path.read_text(encoding="utf-8"), inline=True).splitlines():
        heading = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            base = slug(heading.group(1))
            count = seen.get(base, 0)
            found.add(base if count == 0 else f"{base}-{count}")
            seen[base] = count + 1
    return found


def test_a_heading_s_anchor_is_github_s():
    assert slug("What leaves, and how names are kept out of it") == "what-leaves-and-how-names-are-kept-out-of-it"
    assert slug("Measured: power at the sample's effects") == "measured-power-at-the-samples-effects"
    assert slug("Try it and know: personal experiments") == "try-it-and-know-personal-experiments"
    assert slug("Wer ist fällig? `ghw people`") == "wer-ist-fällig-ghw-people"


def test_links_are_found_outside_code_only(tmp_path):
    page = tmp_path / "p.md"
    page.write_text('See [a](a.md#x) and ![b](images/b.png).\n<img src="c.png" width="2">\n'
                    "`[not](code.md)`\n```sh\n[nor](this.md)\n```\n", encoding="utf-8")
    assert links(page) == ["a.md#x", "images/b.png", "c.png"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_its_heading(page):
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: … leave the project
            continue
        name, _, anchor = target.partition("#")
        file = (page.parent / name).resolve() if name else page
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading with that anchor in {file.name}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_the_readme_is_short_and_names_the_test_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 10_000
    commands = {line.split("#")[0].strip() for line in readme.splitlines() if line.startswith("make ")}
    assert {"make lab", "make app", "make test", "make slow", "make bench"} <= commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make test" in ci and "make slow" in ci  # CI runs the README's test commands


def test_the_front_door_lists_every_page():
    listed = {target.partition("#")[0] for target in links(DOCS / "index.md")}
    missing = [p.name for p in DOCS.glob("*.md") if p.name != "index.md" and p.name not in listed]
    assert not missing, f"docs/index.md does not list {missing}"
    assert {"../README.md", "../CONTRIBUTING.md", "../CHANGELOG.md"} <= listed
    assert "docs/index.md" in links(ROOT / "README.md")
