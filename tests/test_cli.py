"""The command line: exit statuses, defaults, one-line errors, README kept in step with --help."""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed"


def test_run_exits_zero_and_reports_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(SEED), "--out", str(tmp_path / "out"), "-q"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"1 document \(1 ok, 0 empty, 0 error\), \d+ claims", out)
    assert (tmp_path / "out" / "claims.csv").is_file()


def test_bad_rules_file_exits_2_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    target = sorted(rules.glob("*.toml"))[0]
    target.write_text(target.read_text(encoding="utf-8") + '\n[[rule]]\nid = "broken.v1"\npattern = "(unclosed"\n',
                      encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(SEED), "--out", str(out), "--rules", str(rules), "-q"]) == 2
    err = capsys.readouterr().err
    assert target.name in err and "broken.v1" in err
    assert not out.exists()


def test_missing_input_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o"), "-q"]) == 2
    assert "nope" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["run", "--workers", "0"], ["run", "--field", "text"]])
def test_bad_options_exit_2(argv: list[str], tmp_path: Path) -> None:
    assert main([*argv, str(SEED), "--out", str(tmp_path / "o"), "-q"]) == 2


def test_unknown_option_exits_2() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["run", "--no-such-option"])
    assert exc.value.code == 2


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0
    assert "run" in done.stdout and "explain" in done.stdout


def test_explain_lists_every_block(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED / "000_776d51a9b6409b01.txt")]) == 0
    out = capsys.readouterr().out
    assert "KEEP" in out and "DROP" in out
    kept, dropped, claims = map(int, re.findall(r"^# (\d+) blocks kept, (\d+) dropped, (\d+) claims$", out, re.M)[0])
    assert kept == out.count(" KEEP ") and dropped == out.count(" DROP ") and claims > 0


def test_explain_says_why_a_document_has_no_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    for name, reason in (("empty.txt", "empty: zero bytes"), ("blank.txt", "empty: whitespace only")):
        assert main(["explain", str(tmp_path / name)]) == 0
        assert capsys.readouterr().out.splitlines()[1] == reason


def test_explain_lists_what_the_html_extractor_left_out(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """An HTML page's explain view drops the markup's left-out blocks too: its dropped count is documents.csv's."""
    page = ROOT / "tests" / "data" / "ingest" / "article.html"
    assert main(["explain", str(page)]) == 0
    out = capsys.readouterr().out
    dropped, left_out = map(int, re.findall(r"^# \d+ blocks kept, (\d+) dropped \((\d+) left out", out, re.M)[0])
    assert left_out == out.count("html.extractor.v1") > 0 and dropped == out.count(" DROP ")
    assert main(["run", str(page), "--out", str(tmp_path / "run"), "-q"]) == 0
    with open(tmp_path / "run" / "documents.csv", newline="", encoding="utf-8") as fh:
        assert int(next(csv.DictReader(fh))["dropped_blocks"]) == dropped


def test_readme_options_exist_in_help() -> None:
    """Every `newsclaims <command> --option` the README shows is an option of that command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for command, rest in re.findall(r"newsclaims (\w+)([^\n`|]*)", readme):
        if command not in subparsers:
            continue
        known = {o for a in subparsers[command]._actions for o in a.option_strings}
        for option in re.findall(r"(?<!\S)(--[a-z][a-z-]*)", rest):
            assert option in known, f"README shows `newsclaims {command} {option}`, which --help does not list"


# --- inputs and small commands ------------------------------------------------------------------------------

RECORDS = (
    '{"url": "https://x.test/a", "text": "Exports rose 5% in May.", "language": "en", '
    '"authors": ["A B", "C D"], "date_download": "2024-05-02"}\n'
    '{"url": "https://x.test/b", "text": "Imports fell 3% to 7 million tonnes."}\n'
)


class _Stdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def test_stdin_text_and_out_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    monkeypatch.setattr(sys, "stdin", _Stdin("Sales rose 12% in 2023.\n".encode()))
    assert main(["run", "-", "--out", "-", "-q", "--no-ner"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["source"], r["quantity"]) for r in records] == [("stdin.txt", "12%")]
    assert "1 document (" in captured.err and "-> stdout" in captured.err
    assert not Path("-").exists(), "no folder named -"


def test_stdin_jsonl_records(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(RECORDS.encode()))
    out = tmp_path / "run"
    assert main(["run", "-", "--format-in", "jsonl", "--out", str(out), "-q", "--no-ner"]) == 0
    import csv

    with open(out / "claims.csv", encoding="utf-8", newline="") as handle:
        sources = [r["source"] for r in csv.DictReader(handle)]
    assert sources == ["stdin.jsonl#1", "stdin.jsonl#2", "stdin.jsonl#2"]


@pytest.mark.parametrize("how", ["empty folder", "empty stdin"])
def test_empty_input_is_a_one_line_usage_error(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    monkeypatch.setattr(sys, "stdin", _Stdin(b"  \n"))
    source = str(tmp_path / "in") if how == "empty folder" else "-"
    assert main(["run", source, "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "E191" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_documents_carry_what_the_input_says(tmp_path: Path) -> None:
    import csv

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.jsonl").write_text(RECORDS, encoding="utf-8")
    shutil.copy(SEED / "000_776d51a9b6409b01.txt", tmp_path / "in" / "a.txt")
    shutil.copy(SEED / "000_776d51a9b6409b01.txt", tmp_path / "in" / "b.txt")
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q", "--no-ner"]) == 0
    with open(tmp_path / "out" / "documents.csv", encoding="utf-8", newline="") as handle:
        docs = {r["source"]: r for r in csv.DictReader(handle)}
    first = docs["crawl.jsonl#1"]
    assert (first["language"], first["author"], first["crawl_date"]) == ("en", "A B; C D", "2024-05-02")
    assert docs["crawl.jsonl#2"]["language"] == docs["crawl.jsonl#2"]["author"] == ""
    assert docs["a.txt"]["encoding"] == "utf-8" and docs["a.txt"]["duplicate_of"] == ""
    assert docs["b.txt"]["duplicate_of"] == "a.txt"


def test_explain_one_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crawl.jsonl"
    path.write_text(RECORDS, encoding="utf-8")
    assert main(["explain", f"{path}#2"]) == 0
    out = capsys.readouterr().out
    assert "crawl.jsonl#2" in out and "Imports fell" in out and "Exports rose" not in out
    assert main(["explain", f"{path}#9"]) == 2
    assert "E192" in capsys.readouterr().err


def test_explain_record_number_wins_over_a_file_named_with_hash(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crawl.jsonl"
    path.write_text(RECORDS, encoding="utf-8")
    (tmp_path / "crawl.jsonl#2").write_text("A lone page: 77 goats were counted.", encoding="utf-8")
    assert main(["explain", f"{path}#2"]) == 0
    out = capsys.readouterr().out
    assert "crawl.jsonl#2" in out and "Imports fell" in out and "goats" not in out
    assert main(["explain", f"{path}%232"]) == 0  # the file, by its source spelling
    out = capsys.readouterr().out
    assert "goats" in out and "Imports fell" not in out


def test_explain_hash_name_reaches_the_file_when_no_record_file(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt#3").write_text("A lone page: 77 goats were counted.", encoding="utf-8")
    assert main(["explain", str(tmp_path / "notes.txt#3")]) == 0
    assert "goats" in capsys.readouterr().out
    folder = tmp_path / "run#1"
    folder.mkdir()
    (folder / "crawl.jsonl").write_text(RECORDS, encoding="utf-8")
    assert main(["explain", str(tmp_path / "run%231" / "crawl.jsonl") + "#2"]) == 0
    out = capsys.readouterr().out
    assert "Imports fell" in out and "Exports rose" not in out


def test_completion_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert "complete -o filenames -F _newsclaims newsclaims" in script
    for option in ("--review", "--excel-csv", "--format-in", "--out"):
        assert option in script
    if shutil.which("bash"):
        subprocess.run(["bash", "-n"], input=script, text=True, check=True)
    assert main(["completion", "zsh"]) == 0
    assert "bashcompinit" in capsys.readouterr().out


OVERLAY = """
[meta]
overlay = true
disable = ["unit.basis_points.v1"]

[[rule]]
id = "unit.widget.v1"
kind = "physical"
code = "widget"
description = "Widgets (a unit of this user's own)."
pattern = '(?i:widgets?)'
"""


@pytest.mark.slow
def test_rules_folder_overlays_the_built_in_rules(tmp_path: Path) -> None:
    import csv

    from pipeline.errors import RulesError
    from pipeline.rules import load_family
    from pipeline.extract.units import UNITS_SCHEMA

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "units.toml").write_text(OVERLAY, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("The plant made 500 widgets, and the bank cut rates by 25 basis points.", encoding="utf-8")
    runs = {}
    for name, extra in (("plain", []), ("overlay", ["--rules", str(rules)])):
        assert main(["run", str(page), "--out", str(tmp_path / name), "-q", "--no-ner", *extra]) == 0
        with open(tmp_path / name / "claims.csv", encoding="utf-8", newline="") as handle:
            runs[name] = {r["quantity"]: r["unit"] for r in csv.DictReader(handle)}
    assert runs["plain"]["25 basis points"] == "bp" and "500 widgets" not in runs["plain"]
    assert runs["overlay"]["500 widgets"] == "widget" and "25 basis points" not in runs["overlay"]
    built_in, overlaid = load_family("units", UNITS_SCHEMA), load_family("units", UNITS_SCHEMA, rules)
    assert len(overlaid.rules) == len(built_in.rules) + 1 and overlaid.sha256 != built_in.sha256
    (rules / "units.toml").write_text(OVERLAY.replace("unit.basis_points.v1", "unit.nothing.v1"), encoding="utf-8")
    with pytest.raises(RulesError, match="E193.*unit.nothing.v1"):
        load_family("units", UNITS_SCHEMA, rules)


def test_explain_prints_page_text_without_terminal_escapes(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "esc\x1b[2Jname.txt"
    page.write_text("Exports rose\x1b[31m 5% \x1b]0;owned\x07in 2023.\x9b2J\n\nSecond \u202eparagraph\x85 here.",
                    encoding="utf-8")
    assert main(["explain", str(page)]) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x9b\x85\u202e"), "no control character reaches the terminal"
    assert "\\x1b[31m" in out and "\\x1b[2Jname.txt" in out, "shown as inert escapes"


def test_the_summary_counts_one_thing_in_the_singular():
    from pipeline.cli import _many

    assert [_many(n, "document") for n in (0, 1, 2, 2000)] == ["0 documents", "1 document", "2 documents",
                                                                "2,000 documents"]
    assert _many(1, "clutter block") == "1 clutter block"


def test_published_option_resolves_periods_of_undated_text(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Exports rose 12% last year, the ministry said.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "-q", "--no-ner", "--published", "2005-03-01"]) == 0
    with open(out / "documents.csv", encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["published"] == "2005-03-01"
    with open(out / "claims.csv", encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["quantity"], row["period"]) == ("12%", "2004")
    with pytest.raises(SystemExit) as stop:
        main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "o2"), "--published", "01/03/2005"])
    assert stop.value.code == 2 and "[E175]" in capsys.readouterr().err


def test_a_resumed_run_says_how_many_shards_it_kept(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "in").mkdir()
    for n in range(6):
        (tmp_path / "in" / f"p{n}.txt").write_text(f"Page {n}: exports rose {n + 2}% in 2021.\n" * 60, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["run", str(tmp_path / "in"), "--out", str(out), "-q", "--no-ner", "--shard-mb", "0.004"]
    assert main(argv) == 0
    shards = json.loads((out / "manifest.json").read_text())["counts"]["shards"]
    assert shards > 2 and "resumed:" not in capsys.readouterr().out
    for path in sorted((out / "parts").glob("00001.*")):
        path.unlink()
    assert main([*argv, "--resume"]) == 0
    assert f"resumed: {shards - 1} of {shards} shards kept from the earlier run, 1 run" in capsys.readouterr().out
