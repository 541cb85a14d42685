"""`reader vault FOLDER` keeps a notes vault in step: every command that changes an
article's highlights, notes, tags or predictions rewrites that article's file there."""

from __future__ import annotations


def files(folder):
    return sorted(p for p in folder.rglob("*.md"))


def test_a_vault_follows_what_commands_change_until_turned_off(cli, tmp_path):
    vault = tmp_path / "vault"
    vault.mkdir()
    code, out, _ = cli("vault")
    assert code == 0 and "no vault is kept in step" in out
    code, out, _ = cli("vault", str(vault))
    assert code == 0 and f"keeping {vault.resolve()} in step (obsidian)" in out
    assert "wrote 1 files" in out  # the interview: its predictions
    [path] = files(vault)
    code, _, _ = cli("highlight", "1", "Ray 3 is a phased achievement.", "--note", "key")
    assert code == 0 and "Ray 3 is a phased achievement." in path.read_text(encoding="utf-8")
    moved = vault / "Sources" / "interview.md"
    moved.parent.mkdir()
    path.rename(moved)
    code, _, _ = cli("tag", "1", "film")
    assert code == 0 and files(vault) == [moved]
    assert '"film"' in moved.read_text(encoding="utf-8").split("---")[1]  # front matter tags
    code, out, _ = cli("vault", "--off")
    assert code == 0
    before = moved.read_text(encoding="utf-8")
    cli("highlight", "1", "Dream Machine")
    assert moved.read_text(encoding="utf-8") == before


def test_a_vault_folder_that_is_not_there_is_one_line(cli, tmp_path):
    code, _out, err = cli("vault", str(tmp_path / "missing"))
    assert code == 1 and err.strip().endswith("is not a folder") and "Traceback" not in err
    code, out, _ = cli("vault")
    assert "no vault is kept in step" in out


def test_logseq_flavour(cli, tmp_path):
    vault = tmp_path / "graph"
    (vault / "pages").mkdir(parents=True)
    code, _out, _ = cli("vault", str(vault), "--flavour", "logseq")
    assert code == 0
    [path] = files(vault)
    assert path.parent.name == "pages" and "reader-id:: " in path.read_text(encoding="utf-8")
