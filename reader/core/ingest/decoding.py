"""Bytes to text as a browser would read them, and the refusal every importer raises."""

from __future__ import annotations

import codecs
from pathlib import Path

from reader.core.ingest.html_extract import declared_charset


class ImportRefused(Exception):
    """A file that cannot be imported; the message says why, for the user."""


def decode(data: bytes, fmt: str) -> str:
    """Decode as a browser would: BOM, UTF-8, declared charset, then windows-1252."""
    if not data.strip():
        raise ImportRefused("the file is empty")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_or_refuse(data, enc)
    if b"\x00" in data[:8192]:
        raise ImportRefused("binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    else:
        if _looks_binary(text):
            raise ImportRefused("binary file: mostly control characters, not text")
        return text
    declared = declared_charset(data) if fmt == "html" else None
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRefused(f"{utf8_error}, nor windows-1252; cannot tell its encoding") from None
    if _looks_binary(text):
        raise ImportRefused(f"binary file: {utf8_error} and mostly control characters")
    return text


def _decode_or_refuse(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"declares {encoding} by its byte-order mark but is not") from exc


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > len(sample) * 0.05


def file_head(path: Path, size: int = 4096) -> str | None:
    """The start of a file as text (for telling what kind of file it is), without a
    byte-order mark; None when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read(size).decode("utf-8", "replace").lstrip("\ufeff")
    except OSError:
        return None
