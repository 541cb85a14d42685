"""Locate the project's bundled resources (schema, articles, styles)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[3] / "resources"


def resource_path(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def read_resource(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
