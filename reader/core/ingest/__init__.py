"""Bringing articles in: files, saved and fetched web pages, EPUB, the clipboard, decoded,
sanitised and turned into canonical text.
"""
