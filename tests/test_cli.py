"""The command line: exit statuses, defaults, one-line errors, README kept in step with --help."""
from __future__ import annotations

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
    assert re.search(r"1 documents \(1 ok, 0 empty, 0 error\), \d+ claims", out)
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
