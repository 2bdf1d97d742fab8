"""Weak block labels from a snippet gold for the block model's training (benchmarks/train_block_model.py), on a
tiny made-up gold (no benchmark data needed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchscripts import SNIPPET_PAGE, load_benchmark

tb = load_benchmark("train_block_model")

PAGE = SNIPPET_PAGE


def test_a_block_holding_a_with_snippet_is_article_one_holding_a_without_snippet_is_clutter() -> None:
    blocks = ["The [port](https://example.org/p) said fees will rise by 4% next year.",
              "All rights reserved.", "Home World Sport", "Fees will rise by 4%. All rights reserved."]
    got = tb.snippet_labels(blocks, ["fees will rise by 4%"], ["All rights reserved"])
    assert got == [1, 0, None, None]  # unlabelled: no snippet, or both kinds at once


def test_snippet_rows_keep_only_labelled_blocks_of_the_dev_half(tmp_path: Path) -> None:
    pytest.importorskip("bs4")
    (tmp_path / "tests" / "cache").mkdir(parents=True)
    gold = {}
    for site in ("a-example.org", "b-example.org"):  # two sites: the first is the dev half, the second the check half
        (tmp_path / "tests" / "cache" / f"{site}.html").write_text(PAGE, encoding="utf-8")
        gold[f"https://{site}/harbour"] = {"file": f"{site}.html", "with": ["face a record backlog"],
                                           "without": ["All rights reserved"]}
    (tmp_path / "tests" / "evaldata.json").write_text(json.dumps(gold), encoding="utf-8")
    rows = [r for r in tb.snippet_rows(tmp_path, tmp_path / "dumps", 20, 0.5) if r[1] == "bs4"]
    [row] = rows
    assert row[0] == "a-example.org.html" and row[2] == -1 and row[8] == 0.5
    assert sorted(row[4]) == [0, 1]
    assert len(row[3]) == len(row[5]) == 2 and len(row[3][0]) == len(tb.FEATURES)


def test_a_ranking_refit_of_some_headline_weights_holds_the_others_at_their_pinned_values() -> None:
    """With ``free``, only the marked weights move; the others keep their ``base`` values (the bias stays 0)."""
    import numpy as np

    # two pages of three candidates: the gold one has the second feature, a decoy the third
    x = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    groups = [(x, np.array([1.0, 0.0, 0.0])), (x[[2, 0, 1]], np.array([0.0, 1.0, 0.0]))]
    base = np.array([0.0, 0.5, 2.0])
    beta = tb.fit_rank(groups, 1e-3, base=base, free=[False, True, False])
    assert beta[0] == 0.0 and abs(beta[2] - 2.0) < 1e-6
    assert beta[1] > 2.0  # the free weight outgrows the decoy's pinned one so that the gold candidate ranks first
    full = tb.fit_rank(groups, 1e-3)
    assert full[2] < 0.0  # a full refit moves the decoy's weight too


def test_pinned_weights_name_only_headline_features() -> None:
    cfg = tb.load_clean_config()
    held = tb.pinned_weights(cfg, ["you", "you_teaser"])
    names = ("bias",) + tb.HEADLINE_FEATURES
    assert [n for n, f in zip(names, held["free"]) if f] == ["you", "you_teaser"]
    assert tb.pinned_weights(cfg, None) == {}
    with pytest.raises(SystemExit):
        tb.pinned_weights(cfg, ["no_such_feature"])
