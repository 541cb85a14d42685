"""Turn the seed interview text into the bundled Markdown article.

Run once when the seed changes:
    python scripts/make_bundled_article.py tests/data/seed/luma-interview.txt
The words stay verbatim; only markup is added and spaced compound hyphens
("video - generation") are joined ("video-generation"), as the metadata says.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "articles" / "luma-interview.md"
HEADINGS = {
    "The Future of Video-Generation Models: Reasoning Ability and Unified Multimodality",
    "The To C Era Hasn't Arrived Yet",
}
SPEAKERS = ("Intelligent Emergence:", "Song Jiaming:")
EDITOR_NOTE = (
    "*Editor's note: the source text ends here, mid-sentence. "
    "Nothing has been added to it.*\n{: .editor-note }"
)


def convert(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = [line.replace(" - ", "-") for line in lines[3:]]
    out = [f"{body[0]}\n{{: .lead }}"]
    for line in body[1:]:
        if line in HEADINGS:
            out.append(f"## {line}")
        elif line.startswith("△"):
            out.append(f"{line}\n{{: .caption }}")
        elif line.startswith(SPEAKERS):
            label, rest = line.split(":", 1)
            kind = "question" if label == "Intelligent Emergence" else "answer"
            out.append(f"**{label}:**{rest}\n{{: .{kind} }}")
        else:
            out.append(line)
    out.append(EDITOR_NOTE)
    return "\n\n".join(out) + "\n"


if __name__ == "__main__":
    OUT.write_text(convert(Path(sys.argv[1]).read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {OUT}")
