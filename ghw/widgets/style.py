"""How the app fits a phone and the keyboard: one style sheet, shown once with the app.

Everywhere, the tab names are dark enough to read (WCAG AA) and the control
that has the keyboard's focus has a clear outline. On a narrow screen (under
600 px) each field's label goes above its input, inputs take the full width,
the choice buttons share one row and are tall enough for a thumb (44 px), as
are a questionnaire's answers, the tab bar shrinks its tabs to fit, and text
and tables stay inside the screen (a wide table scrolls sideways in a
``ghw-scroll`` region of its own)."""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["PHONE_CSS", "style_sheet"]

PHONE_CSS = """
.ghw-app > .widget-tab-bar .lm-TabBar-tab { color: #333333 !important; }
.ghw-app :focus-visible { outline: 2px solid #1A5FB4 !important; outline-offset: 1px; }
@media (max-width: 600px) {
  .ghw-app { width: 100% !important; max-width: 100vw; box-sizing: border-box; }
  .ghw-app .lm-TabBar-tab, .ghw-app .p-TabBar-tab { flex: 1 1 0 !important; min-width: 0 !important;
    padding: 0 2px !important; font-size: 12px; }
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
    sheet = widgets.HTML(f"<style>{PHONE_CSS}</style>")
    sheet.add_class("ghw-style")
    return sheet
