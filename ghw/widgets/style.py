"""The app's look: one style sheet from the theme (:mod:`ghw.theme`), shown once with the app.

Everywhere: the theme's type and ink, controls with rounded corners and a
3:1 border, one primary button colour, a clear focus ring, the tab names dark
enough to read (WCAG AA) and the open tab marked by a bar as well as by
weight. On a narrow screen (under 600 px) the tab bar wraps onto a second
row instead of shrinking its names, each field's label goes above its input,
inputs take the full width, buttons are tall enough for a thumb (44 px),
and text and tables stay inside the screen (a wide table scrolls sideways in
a ``ghw-scroll`` region of its own). A tab that is being built shows a
moving bar (``ghw-building``) rather than a blank panel.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import theme

__all__ = ["CSS", "style_sheet"]

CSS = theme.css_variables() + """
.ghw-app { font-family: var(--ghw-font); color: var(--ghw-ink); font-size: var(--ghw-size-body); }
.ghw-app h2, .ghw-app h3, .ghw-app h4 { color: var(--ghw-ink); line-height: 1.25; margin: 16px 0 8px; }
.ghw-app h2 { font-size: var(--ghw-size-title); margin: 8px 0 4px; }
.ghw-app code { overflow-wrap: anywhere; }
.ghw-app h3 { font-size: var(--ghw-size-lead); }
.ghw-app h4 { font-size: var(--ghw-size-body); }
.ghw-app small, .ghw-muted { color: var(--ghw-muted); font-size: var(--ghw-size-small); }
.ghw-app > .widget-tab-bar .lm-TabBar-tab { color: var(--ghw-ink) !important; font-size: 15px; }
.ghw-app > .widget-tab-bar .lm-TabBar-tab.lm-mod-current { font-weight: 600;
  box-shadow: inset 0 -3px 0 var(--ghw-accent); }
.ghw-visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.ghw-app :focus-visible { outline: 2px solid var(--ghw-accent) !important; outline-offset: 1px; }
.ghw-app .widget-button, .ghw-app .widget-toggle-button { border-radius: var(--ghw-radius-control);
  border: 1px solid var(--ghw-line); background: var(--ghw-page); color: var(--ghw-ink); min-height: 36px; }
.ghw-app .widget-button.mod-primary { background: var(--ghw-accent); border-color: var(--ghw-accent); color: #FFFFFF;
  font-weight: 600; }
.ghw-app .widget-toggle-button.mod-active { background: var(--ghw-ink); border-color: var(--ghw-ink);
  color: #FFFFFF; }
.ghw-app .widget-text input, .ghw-app .widget-combobox input, .ghw-app .widget-textarea textarea,
.ghw-app .widget-dropdown select, .ghw-app .widget-datepicker input { border: 1px solid var(--ghw-line);
  border-radius: var(--ghw-radius-control); }
.ghw-card { background: var(--ghw-card); border: 1px solid #D0D7DE; border-radius: var(--ghw-radius-card);
  padding: 12px 16px; margin: 8px 0; box-shadow: 0 1px 2px rgba(31, 35, 40, 0.06); }
.ghw-people-cards { list-style: none; padding: 0; margin: 8px 0; display: grid; gap: 8px;
  grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
.ghw-person-card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 6px 0 0;
  font-size: var(--ghw-size-small); }
.ghw-person-card dt { color: var(--ghw-muted); }
.ghw-person-card dd { margin: 0; }
.ghw-building { height: 4px; border-radius: 2px; margin: 16px 0; background: linear-gradient(90deg,
  var(--ghw-canvas) 0%, var(--ghw-accent) 50%, var(--ghw-canvas) 100%); background-size: 200% 100%;
  animation: ghw-move 1.2s linear infinite; }
@keyframes ghw-move { from { background-position: 100% 0; } to { background-position: -100% 0; } }
@media (prefers-reduced-motion: reduce) { .ghw-people-cards { list-style: none; padding: 0; margin: 8px 0; display: grid; gap: 8px;
  grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
.ghw-person-card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 6px 0 0;
  font-size: var(--ghw-size-small); }
.ghw-person-card dt { color: var(--ghw-muted); }
.ghw-person-card dd { margin: 0; }
.ghw-building { animation: none; background: var(--ghw-accent); } }
@media (max-width: 600px) {
  .ghw-app { width: 100% !important; max-width: 100vw; box-sizing: border-box; }
  .ghw-app > .widget-tab-bar, .ghw-app > .widget-tab-bar .lm-TabBar-content { flex-wrap: wrap; height: auto !important;
    min-height: 0 !important; max-height: none !important; overflow: visible !important; }
  .ghw-app > .widget-tab-bar .lm-TabBar-tab { flex: 1 1 auto !important; min-width: 0 !important;
    max-width: none !important; height: 44px !important; max-height: none !important; line-height: 44px !important;
    padding: 0 10px !important; }
  .ghw-app > .widget-tab-bar .lm-TabBar-tabLabel { line-height: 44px; }
  .ghw-app .widget-button { white-space: normal; height: auto; }
  .ghw-app > .widget-tab-contents { padding: 8px 4px !important; border-width: 1px 0 0 !important; }
  .jp-OutputArea-output:has(> .ghw-app) { margin-left: 0 !important; }
  .jp-Cell:has(.ghw-app), .lm-BoxPanel-child:has(.ghw-app) { padding: 0 !important; }
  .ghw-app .widget-inline-hbox { flex-wrap: wrap; width: calc(100% - 4px) !important; max-width: 100% !important;
    height: auto !important; min-height: 0 !important; margin-bottom: 6px; }
  .ghw-app .widget-inline-hbox > .widget-label { width: 100% !important; max-width: 100% !important;
    text-align: left !important; margin-bottom: 2px; }
  .ghw-app .widget-text, .ghw-app .widget-combobox, .ghw-app .widget-textarea, .ghw-app .widget-dropdown,
  .ghw-app .widget-datepicker, .ghw-app .widget-slider, .ghw-app .widget-select-multiple {
    box-sizing: border-box; height: auto !important; }
  .ghw-app .widget-text input, .ghw-app .widget-combobox input, .ghw-app .widget-textarea textarea,
  .ghw-app .widget-dropdown select, .ghw-app .widget-datepicker input { width: 100% !important;
    min-height: 44px; box-sizing: border-box; font-size: 16px; }
  .ghw-app .widget-slider .slider-container { flex: 1 1 auto; min-height: 44px; }
  .ghw-app .widget-toggle-buttons .widget-toggle-button { flex: 1 1 0; width: auto !important; min-width: 0;
    min-height: 44px; padding: 0 2px; white-space: normal; line-height: 1.1; font-size: 13px; }
  .ghw-app .widget-toggle-buttons > div { display: flex; width: 100%; flex-wrap: nowrap; }
  .ghw-app .widget-hbox { flex-wrap: wrap; max-width: 100%; }
  .ghw-app .widget-button { min-height: 44px; }
  .ghw-app .widget-html-content { min-width: 0; max-width: 100%; }
  .ghw-app .widget-checkbox { height: auto !important; }
  .ghw-app .widget-checkbox span { white-space: normal; }
  .ghw-app .widget-radio-box label { min-height: 44px; display: flex; align-items: center; }
  .ghw-app .widget-radio-box label input { order: -1; margin: 0 8px 0 0; }
  .ghw-app img { max-width: 100% !important; height: auto; }
}
"""


def style_sheet() -> widgets.HTML:
    """The style sheet as a widget to show once, above the app's first page."""
    sheet = widgets.HTML(f"<style>{CSS}</style>")
    sheet.add_class("ghw-style")
    return sheet
