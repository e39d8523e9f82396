"""The two controls of the short path that ipywidgets cannot give: a coloured mood picker and a name field that
suggests as you type.

Both are ``anywidget`` widgets: a small ES module and style sheet run in the
page (JupyterLab, Voilà, VS Code), and the Python side is a plain traitlets
model that tests drive by setting ``value``. They carry everything they need
(colours from :mod:`ghw.theme`, the names to suggest), so they look and work
the same in a notebook as in the app.
"""

from __future__ import annotations

import re

import anywidget
import traitlets

from .. import schema, theme
from ..i18n import _
from ..names import key
from ..people.contacts import kind_word

__all__ = ["MoodPicker", "PersonField"]

_WORDS = re.compile(r"[\W_]+")  # what separates the words of a name: spaces, apostrophes, dots, "@", "_"

_ESM_MOOD = r"""
function render({ model, el }) {
  const id = "ghw-mood-" + Math.random().toString(36).slice(2);
  el.classList.add("ghw_mood_picker");
  const label = document.createElement("div");
  label.className = "ghw_picker_label";
  label.id = id;
  const group = document.createElement("div");
  group.className = "ghw_mood_row";
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", id);
  const words = document.createElement("div");
  words.className = "ghw_mood_words";
  words.setAttribute("aria-hidden", "true");
  const buttons = [];
  const colours = model.get("_colours"), inks = model.get("_inks"), said = model.get("words");
  const named = model.get("names");
  for (let n = 0; n < colours.length; n++) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ghw_mood_option";
    button.setAttribute("role", "radio");
    button.textContent = String(n);
    if (said[n]) button.setAttribute("aria-label", named[n]);
    button.style.background = colours[n];
    button.style.color = inks[n];
    button.addEventListener("click", () => choose(n));
    button.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      const next = Math.min(colours.length - 1, Math.max(0, n + step));
      choose(next);
      buttons[next].focus();
    });
    buttons.push(button);
    group.appendChild(button);
  }
  for (const n of Object.keys(said)) {
    const word = document.createElement("span");
    word.textContent = said[n];
    words.appendChild(word);
  }
  function choose(n) {
    model.set("value", n);
    model.save_changes();
  }
  function show() {
    label.textContent = model.get("description");
    if (model.get("hint")) {
      const hint = document.createElement("small");
      hint.textContent = model.get("hint");
      label.append(" ", hint);
    }
    const value = model.get("value");
    buttons.forEach((button, n) => {
      const chosen = value === n;
      button.setAttribute("aria-checked", chosen ? "true" : "false");
      button.classList.toggle("ghw_chosen", chosen);
      // One stop for the Tab key: the chosen mood, or 0 while none is chosen.
      button.tabIndex = chosen || (value === null && n === 0) ? 0 : -1;
      button.disabled = model.get("disabled");
    });
  }
  model.on("change:value", show);
  model.on("change:description", show);
  model.on("change:hint", show);
  model.on("change:disabled", show);
  show();
  el.append(label, group, words);
  return () => { model.off("change:value", show); model.off("change:description", show); model.off("change:hint", show); };
}
export default { render };
"""

_CSS_MOOD = f"""
.ghw_mood_picker {{ font-family: {theme.FONT}; color: {theme.INK}; margin: 4px 0 8px; max-width: 560px; }}
.ghw_picker_label {{ font-size: {theme.TYPE['body']}px; font-weight: 600; margin: 0 0 6px; }}
.ghw_picker_label small {{ font-weight: 400; color: {theme.MUTED}; }}
.ghw_mood_row {{ display: flex; gap: 3px; }}
.ghw_mood_option {{ flex: 1 1 0; min-width: 0; height: {theme.TAP + 4}px; border: 0; padding: 0;
  border-radius: {theme.RADIUS['control']}px; font: 700 20px/1 {theme.FONT}; cursor: pointer;
  transition: transform 80ms ease-out; }}
.ghw_mood_option.ghw_chosen {{ box-shadow: 0 0 0 2px {theme.PAGE}, 0 0 0 5px {theme.INK}; transform: translateY(-3px);
  position: relative; z-index: 1; }}
.ghw_mood_option:focus-visible {{ outline: 3px solid {theme.ACCENT}; outline-offset: 6px; }}
.ghw_mood_words {{ display: flex; justify-content: space-between; font-size: {theme.TYPE['small']}px;
  color: {theme.MUTED}; margin-top: 6px; }}
@media (prefers-reduced-motion: reduce) {{ .ghw_mood_option {{ transition: none; }} }}
"""

_ESM_PERSON = r"""
function fold(text) {  // as ghw.names.key folds a name: no case, accents, apostrophes, dots or leading "@"
  return text.normalize("NFKD").replace(/[\u0300-\u036f\u200b-\u200f\u2060\ufeff]/g, "").toLowerCase()
    .replace(/-/g, " ").replace(/['\u2019.]/g, "").split(/\s+/).filter(Boolean).join(" ").replace(/^@+/, "");
}
function render({ model, el }) {
  const id = "ghw-person-" + Math.random().toString(36).slice(2);
  el.classList.add("ghw_person_field");
  const label = document.createElement("label");
  label.className = "ghw_picker_label";
  label.htmlFor = id;
  const input = document.createElement("input");
  input.id = id;
  input.type = "text";
  input.autocomplete = "off";
  input.setAttribute("autocapitalize", "words");
  const list = document.createElement("div");
  list.className = "ghw_suggestions";
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", model.get("suggestions_label"));
  function send() {
    if (input.value !== model.get("value")) {
      model.set("value", input.value);
      model.save_changes();
    }
  }
  function suggest() {
    const typed = fold(input.value);
    list.textContent = "";
    if (!typed) return;
    const found = model.get("known").filter(([name, kind, key]) => name !== input.value.trim()
      && (key.startsWith(typed) || key.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(typed)))).slice(0, 4);
    for (const [name, kind] of found) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ghw_suggestion";
      button.textContent = kind ? name + " · " + kind : name;
      button.addEventListener("click", () => { input.value = name; list.textContent = ""; send(); });
      list.appendChild(button);
    }
  }
  input.addEventListener("input", suggest);
  input.addEventListener("change", send);  // on leaving the field or Enter: one message, before a click on Save
  function show() {
    label.textContent = model.get("description");
    input.placeholder = model.get("placeholder");
    if (input.value !== model.get("value")) { input.value = model.get("value"); list.textContent = ""; }
  }
  model.on("change:value", show);
  show();
  el.append(label, input, list);
  return () => model.off("change:value", show);
}
export default { render };
"""

_CSS_PERSON = f"""
.ghw_person_field {{ font-family: {theme.FONT}; color: {theme.INK}; margin: 4px 0 8px; max-width: 420px; }}
.ghw_person_field .ghw_picker_label {{ display: block; }}
.ghw_person_field input {{ box-sizing: border-box; width: 100%; min-height: {theme.TAP}px; font-size: 16px;
  padding: 0 12px; border: 1px solid {theme.LINE}; border-radius: {theme.RADIUS['control']}px; color: {theme.INK};
  background: {theme.PAGE}; }}
.ghw_person_field input:focus-visible {{ outline: 2px solid {theme.ACCENT}; outline-offset: 1px; }}
.ghw_suggestions {{ display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }}
.ghw_suggestions:empty {{ display: none; }}
.ghw_suggestion {{ min-height: {theme.TAP}px; padding: 0 14px; border: 1px solid {theme.LINE};
  border-radius: {theme.RADIUS['pill']}px; background: {theme.IDEA}; color: {theme.INK}; font: 15px {theme.FONT};
  cursor: pointer; }}
.ghw_suggestion:focus-visible {{ outline: 2px solid {theme.ACCENT}; outline-offset: 1px; }}
"""


class MoodPicker(anywidget.AnyWidget):
    """Mood from 0 to 10 as eleven coloured buttons; ``value`` is ``None`` until the person chooses.

    For a screen reader it is a radio group named by its label, each mood a
    radio whose value is said (with the scale's word at its ends and
    middle); arrow keys move between moods, and Tab stops once.
    """

    _esm = _ESM_MOOD
    _css = _CSS_MOOD
    value = traitlets.Int(None, allow_none=True, min=schema.MOOD_RANGE[0], max=schema.MOOD_RANGE[1]).tag(sync=True)
    description = traitlets.Unicode(_("Mood")).tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)  # said after the description, smaller: what the numbers are
    disabled = traitlets.Bool(False).tag(sync=True)
    _colours = traitlets.List(list(theme.MOOD)).tag(sync=True)  # each mood's background, then its text's colour
    _inks = traitlets.List([theme.text_on(c) for c in theme.MOOD]).tag(sync=True)
    words = traitlets.Dict({str(k): v for k, v in theme.MOOD_WORDS.items()}).tag(sync=True)
    # What a screen reader says for each mood: its number, and the scale's word where it has one.
    names = traitlets.List([_("{mood}, {word}").format(mood=n, word=theme.MOOD_WORDS[n]) if n in theme.MOOD_WORDS
                            else str(n) for n in range(len(theme.MOOD))]).tag(sync=True)


class PersonField(anywidget.AnyWidget):
    """A name, with the people already in the journal suggested as it is typed.

    Suggestions match the start of any word of a name whatever the case,
    accents and apostrophes ("sam" finds "Sam", "zoe" finds "Zoë", "obr" and
    "o'b" find "O’Brien", as :func:`ghw.names.key` folds names),
    most recent first, four at most, each with its usual kind of
    relationship; they are worked out in the page, so typing never waits for
    Python. The typed text reaches Python (``value``) when the field is left
    or a suggestion is tapped, as one message that comes before the click on
    Save that follows. :meth:`suggest` is the same rule in Python.
    """

    _esm = _ESM_PERSON
    _css = _CSS_PERSON
    value = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode(_("Person")).tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    suggestions_label = traitlets.Unicode(_("Suggested names")).tag(sync=True)
    known = traitlets.List([]).tag(sync=True)  # [name, usual kind in words, folded name], most recent first

    def remember(self, usual: dict[str, str]) -> None:
        """Suggest these people (name to usual kind of relationship, most recent first)."""
        self.known = [[name, kind_word(kind) if kind else "", key(name)] for name, kind in usual.items()]

    def suggest(self, typed: str) -> list[str]:
        """The names suggested for ``typed``, as the page suggests them."""
        folded = key(typed)
        if not folded:
            return []
        return [name for name, _kind, key in self.known if name != typed.strip()
                and (key.startswith(folded) or any(word.startswith(folded) for word in _WORDS.split(key)))][:4]
