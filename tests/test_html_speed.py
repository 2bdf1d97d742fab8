"""Tests for benchmarks/html_speed.py: the pages it reads and the results it writes with ``--dump``."""
from __future__ import annotations

import gzip
import json

from benchscripts import load_benchmark


def test_dump_writes_every_field_of_each_page_result(tmp_path, capsys):
    speed = load_benchmark("html_speed")
    (tmp_path / "html").mkdir()
    pages = ["<html><head><title>Port</title></head><body><nav>Home</nav><p>Cargo rose 4% in May.</p></body></html>",
             "<html><body><p>Exports fell 2%.</p><footer>Contact us</footer></body></html>"]
    for i, page in enumerate(pages):
        (tmp_path / "html" / f"{i}.html.gz").write_bytes(gzip.compress(page.encode()))
    out = tmp_path / "dump.jsonl"
    assert speed.main(["--bench", str(tmp_path), "--repeat", "1", "--dump", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 and set(rows[0]) == {"text", "title", "published", "url", "meta", "error", "blocks",
                                               "left_out"}
    assert "Cargo rose 4% in May." in rows[0]["text"] and "Exports fell 2%." in rows[1]["text"]
    assert "ratio ours / trafilatura" in capsys.readouterr().out
    again = tmp_path / "again.jsonl"
    speed.dump(speed.load_pages(tmp_path), again)
    assert again.read_bytes() == out.read_bytes()
