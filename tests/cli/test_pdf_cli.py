"""`reader import` takes a PDF; a highlight in it knows its page, in the list and the
exports; a PDF that cannot be read is one line and changes nothing."""

from __future__ import annotations

from tests.core.test_pdf import paragraphs
from tests.pdf_maker import column_pages, pdf_bytes, write_pdf


def test_a_pdf_imports_and_its_highlights_say_their_page(cli, tmp_path):
    pages = column_pages(paragraphs(30), columns=2, header="Journal", numbers=True)
    path = write_pdf(tmp_path / "paper.pdf", pages, title="A Paper", author="Ann Bee")
    code, report, _ = cli.json("import", str(path))
    assert code == 0 and report["imported"][0]["title"] == "A Paper"
    on_page_3 = next(line.text for line in pages[2].lines if line.text.startswith("Paragraph"))
    code, _made, _ = cli.json("highlight", "A Paper", on_page_3, "--tag", "method")
    assert code == 0
    code, listed, _ = cli.json("highlights", "A Paper")
    assert listed[0]["page"] == "3"
    code, out, _ = cli("highlights", "A Paper")
    assert "p. 3 #method" in out
    code, out, _ = cli("export", "A Paper")
    assert f"{on_page_3} ^h-" in out and "p. 3 · *Yellow* · #method" in out
    code, out, _ = cli("export", "A Paper", "--format", "readwise-csv")
    row = next(line for line in out.splitlines() if on_page_3 in line)
    assert ",3,20" in row  # Location: the page


def test_an_encrypted_pdf_is_refused_in_one_line(cli, tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(pdf_bytes(column_pages(paragraphs(3)), encrypted=True))
    cli("list")
    code, before, _ = cli.json("list")
    code, _out, err = cli("import", str(path))
    assert code == 1 and "an encrypted PDF: it needs a password" in err
    assert "Traceback" not in err
    _, after, _ = cli.json("list")
    assert after == before
