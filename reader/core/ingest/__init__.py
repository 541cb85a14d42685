"""Bringing articles in: files, saved and fetched web pages, EPUB, the clipboard, decoded,
sanitised and turned into canonical text.
"""

DEFAULT_KEY = "luma-interview"  # the bundled article a new library opens on
PAGES_KEY = "pdf_pages"  # in a PDF article's meta: where each page starts in its text
HIGHLIGHTS_KEY = "kindle_highlights"  # in an article's meta: what to highlight in it
PAGE_LABELS_KEY = "pdf_page_labels"  # and the page numbers it prints, when it has its own
