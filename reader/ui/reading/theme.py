"""Reading themes (light, sepia, dark) and the article stylesheet they fill in."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from reader.core.storage.resources import read_resource

SERIF = "'Noto Serif', 'Source Serif 4', Literata, Georgia, 'DejaVu Serif', serif"
SANS = "'Noto Sans', 'Source Sans 3', 'Segoe UI', 'DejaVu Sans', sans-serif"
MONO = "'Noto Sans Mono', 'DejaVu Sans Mono', monospace"


@dataclass(frozen=True)
class Theme:
    name: str
    bg: str
    fg: str
    muted: str
    accent: str
    code_bg: str
    selection: str  # strong and of no highlight's hue: a selection over a highlight shows
    selection_fg: str
    dark: bool = False


THEMES = {
    "light": Theme(
        "light", "#fdfdfb", "#1f1f1f", "#5f5f5f", "#2a6496", "#f0f0ec", "#2f62a8", "#ffffff"
    ),
    "sepia": Theme(
        "sepia", "#f6efe1", "#3b2f22", "#6e5d49", "#8a4b1c", "#ece2cd", "#7d5128", "#fffaf0"
    ),
    "dark": Theme(
        "dark", "#1c1d20", "#dcdcd6", "#9b9b95", "#7fb0e0", "#2a2b2f", "#c9ccd3", "#17181b", True
    ),
}
THEME_CHOICES = ("system", "light", "sepia", "dark")


def resolve(choice: str) -> Theme:
    """A concrete theme; "system" follows the platform's colour scheme."""
    if choice in THEMES:
        return THEMES[choice]
    hints = QGuiApplication.styleHints()
    dark = hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark
    return THEMES["dark" if dark else "light"]


def article_css(theme: Theme) -> str:
    values = {k: v for k, v in asdict(theme).items() if isinstance(v, str)}
    return Template(read_resource("styles", "article.css")).substitute(
        values, serif=SERIF, sans=SANS, mono=MONO
    )


def reading_palette(base: QPalette, theme: Theme) -> QPalette:
    palette = QPalette(base)
    palette.setColor(QPalette.ColorRole.Base, QColor(theme.bg))
    palette.setColor(QPalette.ColorRole.Window, QColor(theme.bg))
    palette.setColor(QPalette.ColorRole.Text, QColor(theme.fg))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(theme.selection))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(theme.selection_fg))
    palette.setColor(QPalette.ColorRole.Link, QColor(theme.accent))  # as the article's links
    return palette


_platform: list[QPalette] = []


def platform_palette() -> QPalette:
    """The application's palette as the platform gave it, kept from the first call (made
    before any theme is applied)."""
    if not _platform:
        _platform.append(QPalette(QGuiApplication.palette()))
    return _platform[0]


def window_palette(base: QPalette, theme: Theme) -> QPalette:
    """The whole window's colours: the platform's, or with a dark theme dark panels,
    menus and dialogs too (a dark page between white panels glares)."""
    if not theme.dark:
        return QPalette(base)
    bg, panel, raised = QColor(theme.bg), QColor("#26272b"), QColor("#313237")
    fg, muted, accent = QColor(theme.fg), QColor(theme.muted), QColor(theme.accent)
    R = QPalette.ColorRole
    palette = QPalette(base)
    for role, color in (
        (R.Window, panel),
        (R.WindowText, fg),
        (R.Base, bg),
        (R.AlternateBase, panel),
        (R.Text, fg),
        (R.Button, raised),
        (R.ButtonText, fg),
        (R.BrightText, QColor("#ffffff")),
        (R.Highlight, QColor(theme.selection)),
        (R.HighlightedText, QColor(theme.selection_fg)),
        (R.PlaceholderText, muted),
        (R.ToolTipBase, raised),
        (R.ToolTipText, fg),
        (R.Link, accent),
        (R.LinkVisited, accent),
        (R.Light, QColor("#45464c")),
        (R.Midlight, QColor("#3a3b40")),
        (R.Mid, QColor("#2b2c30")),
        (R.Dark, QColor("#18191b")),
        (R.Shadow, QColor("#000000")),
    ):
        palette.setColor(role, color)
    disabled = muted.darker(130)
    for role in (R.WindowText, R.Text, R.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    # a hint is dimmer than the label beside it, enabled or not
    palette.setColor(QPalette.ColorGroup.Disabled, R.PlaceholderText, disabled.darker(125))
    return palette
