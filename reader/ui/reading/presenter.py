"""The article being read: the reading view with its find bar, text size, theme, focus
mode, the remembered place in every article, and how far through this one you are."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

from reader.core.models import Article
from reader.ui.library.controller import LibraryController
from reader.ui.reading import theme as themes
from reader.ui.reading.find_bar import FindBar, MatchStepper
from reader.ui.reading.view import DEFAULT_POINT_SIZE, ReadingView
from reader.ui.window.state import WindowState

MIN_READING_WIDTH = 300  # px: about 35 characters a line at the default size
PROGRESS_SAVE_MS = 2000


class ReadingPresenter(QObject):
    dark_changed = Signal(bool)  # the theme went dark or light: annotations repaint

    def __init__(self, window: QMainWindow, library: LibraryController, state: WindowState) -> None:
        super().__init__(window)
        self.window, self.library, self.state = window, library, state
        self.view = ReadingView(window)
        self.view.setMinimumWidth(MIN_READING_WIDTH)  # panels give way, not the text
        self.view.setAccessibleName("Article text")
        self.matches = MatchStepper(self.view)
        self.find_bar = FindBar(self.view, self.matches, window)
        self.central = QWidget(window)
        column = QVBoxLayout(self.central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.progress_label = QLabel(window)
        self.theme_choice = state.get("view/theme", "system")
        self._shown: int | None = None  # the article in the view
        self._focus_saved: QByteArray | None = None
        self.view.set_point_size(state.get("view/point_size", DEFAULT_POINT_SIZE))
        # the furthest point read goes to the library a moment after scrolling stops
        self._furthest = 0.0
        self._opening = False
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_SAVE_MS)
        self._progress_timer.timeout.connect(self._save_progress)
        self._whole_in_view = QTimer(self, singleShot=True, interval=1800)
        self._whole_in_view.timeout.connect(self._read_if_whole_in_view)
        library.article_opened.connect(self._on_library_article_opened)
        library.article_closed.connect(self._on_library_article_closed)
        self.view.zoom_requested.connect(self.zoom)
        self.view.progress_changed.connect(self._on_view_progress_changed)
        self.view.link_refused.connect(
            lambda url: window.statusBar().showMessage(f"Not opened: {url}", 4000)
        )

    # -- the article --
    def _on_library_article_opened(self, article: Article) -> None:
        """Show it where it was left (the same article shown again keeps its place)."""
        again = self._shown == article.id
        place = self.view.scroll_fraction() if again else self.state.scroll(article.id)
        if not again:
            self.remember_place()
        self._shown = article.id
        self._opening = True
        self.view.show_article(article.html, article.plain_text)
        self.find_bar.refresh()
        self.window.setWindowTitle(f"{article.title} — Reader")
        self.state.set_last_article(article.id)
        self.view.restore_scroll(place)
        self._opening = False
        self._whole_in_view.start()  # a short article seen whole, once it is laid out
        self._furthest = place
        if not again and 0.02 <= place < 0.98:  # (at the end: nothing to continue)
            self.window.statusBar().showMessage(
                f"Continuing where you left off: {round(place * 100)}%", 5000
            )

    def _on_library_article_closed(self) -> None:
        self._shown = None
        self.view.clear_article()
        self.window.setWindowTitle("Reader")
        self.state.set_last_article(None)
        self.progress_label.setText("The library is empty: File › Import… or drop files here")

    def remember_place(self) -> None:
        if self._shown is not None:
            self.state.set_scroll(self._shown, self.view.scroll_fraction())
            self._save_progress()

    def _read_if_whole_in_view(self) -> None:
        """An article that fits in the window, opened by the reader, has been read."""
        article = self.library.current
        if article is None or article.id != self._shown or self.view.placing:
            return
        if not self.window.isVisible():
            return  # (the window closed, and its library with it)
        fits = self.view.verticalScrollBar().maximum() <= 0
        if fits and self.library.state_of(article.id) == "reading":
            self._furthest = 1.0
            self._save_progress()

    def _placing(self) -> bool:
        """The article is being put where it was left: scroll moves are not reading."""
        return self._opening or self.view.placing

    def _save_progress(self) -> None:
        self._progress_timer.stop()
        if self._shown is not None and self._furthest > 0:
            self.library.record_progress(self._shown, self._furthest)

    def _on_view_progress_changed(self, fraction: float) -> None:
        article = self.library.current
        if article is None:
            return
        left = max(0, round(article.summary().reading_minutes * (1 - fraction)))
        self.progress_label.setText(f"{round(fraction * 100)}% · {left} min left")
        if article.id == self._shown and fraction > self._furthest and not self._placing():
            self._furthest = fraction
            self._progress_timer.start()

    # -- comfort --
    def zoom(self, step: int) -> None:
        view = self.view
        view.set_point_size(DEFAULT_POINT_SIZE if step == 0 else view.point_size + step)
        self.state.set("view/point_size", view.point_size)

    def set_theme(self, choice: str) -> None:
        """System, Light, Sepia or Dark: the page and the whole window."""
        self.theme_choice = choice
        theme = themes.resolve(choice)
        QApplication.setPalette(themes.window_palette(themes.platform_palette(), theme))
        self.view.apply_theme(theme)
        self.dark_changed.emit(theme.dark)
        self.state.set("view/theme", choice)

    def set_focus_mode(self, on: bool) -> None:
        """Full screen with the text alone (panels, menus and status bar hidden)."""
        window = self.window
        if on:
            self._focus_saved = window.saveState()
            for dock in window.findChildren(QDockWidget):
                dock.hide()
            window.menuBar().setVisible(False)
            window.statusBar().setVisible(False)
            window.showFullScreen()
        else:
            window.menuBar().setVisible(True)
            window.statusBar().setVisible(True)
            window.showNormal()
            if self._focus_saved is not None:
                window.restoreState(self._focus_saved)
