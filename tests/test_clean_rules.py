"""The clean wing finds its rules by field (signal, role fields, clock), never by id; broken signals are rejected."""
from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.clean.patterns import BLOCK_SIGNALS
from pipeline.clean.passes import PASSES, SIGNALS, STEPS
from pipeline.clean.config import CLUTTER_SCHEMA, ROLES
from pipeline.clean.page import clean, load_clean_config
from pipeline.errors import RulesError
from pipeline.rules import load_family, rules_dir
from pipeline.types import Article, RawDoc

DATA = Path(__file__).parent / "data"
SEED = sorted((DATA / "seed").glob("*.txt"))
CLUTTER = load_family("clutter", CLUTTER_SCHEMA)
_ID = re.compile(r'^id = "([^"]+)"$', re.M)


def _copy_rules(tmp_path: Path) -> Path:
    """Every rule file of the project, copied unchanged into ``tmp_path/rules``."""
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _rule_text(name: str, rule_id: str) -> str:
    """The ``[[rule]]`` table of ``rule_id`` as written in rule file ``name``."""
    text = (rules_dir() / name).read_text(encoding="utf-8")
    start = text.index(f'[[rule]]\nid = "{rule_id}"\n')
    end = text.find("\n[[rule]]", start + 1)
    return text[start:] if end < 0 else text[start:end + 1]


def _rename_every_id(folder: Path) -> dict[str, str]:
    """A new id for every rule of clutter.toml and dates.toml (prefix and name changed, version kept);
    returns old id -> new id."""
    names: dict[str, str] = {}

    def rename(m: re.Match) -> str:
        head, version = m.group(1).rsplit(".", 1)
        names[m.group(1)] = f"z{head}x.{version}"
        return f'id = "{names[m.group(1)]}"'

    for name in ("clutter.toml", "dates.toml"):
        path = folder / name
        path.write_text(_ID.sub(rename, path.read_text(encoding="utf-8")), encoding="utf-8")
    return names


def _pages() -> list[RawDoc]:
    """The seed page, the clean test pages and every example page of the signal rules, as they are and as
    extracted text with a metadata title."""
    texts = [p.read_text(encoding="utf-8") for p in SEED + sorted((DATA / "clean").glob("*.txt"))]
    texts += [ex.text for r in CLUTTER.rules if r.get("signal") for ex in r.examples + r.counter_examples]
    docs = []
    for n, text in enumerate(texts):
        docs.append(RawDoc(doc_id=f"p{n}", source=f"p{n}.txt", text=text))
        docs.append(RawDoc(doc_id=f"x{n}", source=f"x{n}.txt", text=text, extracted=True,
                           title=text.strip().split("\n", 1)[0]))
    return docs


def _renamed(art: Article, names: dict[str, str]) -> Article:
    """``art`` with each block's rule id replaced by its new id."""
    def blocks(bs):
        return tuple(replace(b, rule=names.get(b.rule, b.rule)) for b in bs)
    return replace(art, blocks=blocks(art.blocks), dropped=blocks(art.dropped))


# ------------------------------------------------------------------------------------------- renamed ids


def test_renaming_every_rule_id_changes_only_the_id_text(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    names = _rename_every_id(folder)
    cfg, renamed = load_clean_config(), load_clean_config(folder)
    assert len(names) == len(cfg.clutter.rules) + len(cfg.dates.rules)
    assert {r.id for r in renamed.clutter.rules + renamed.dates.rules} == set(names.values())
    decided = set()
    for doc in _pages():
        before, after = clean(doc, cfg), clean(doc, renamed)
        assert after == _renamed(before, names), doc.source
        decided |= {b.rule for b in after.blocks + after.dropped}
    assert len(decided - {""}) >= 20  # most rules took part
    seed = clean(RawDoc(doc_id="s", source="s.txt", text=SEED[0].read_text(encoding="utf-8")), renamed)
    assert seed.published == "2024-04-13T22:22:00"
    assert len([b for b in seed.dropped if b.rule == names["teaser.truncated_body.v1"]]) == 5


def test_disabling_a_renamed_rule_switches_its_pass_off(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    names = _rename_every_id(folder)
    doc = RawDoc(doc_id="s", source="s.txt", text=SEED[0].read_text(encoding="utf-8"))
    before = clean(doc, load_clean_config(disabled=["teaser.truncated_body.v1"]))
    after = clean(doc, load_clean_config(folder, disabled=[names["teaser.truncated_body.v1"]]))
    assert "73 campers" in after.text
    assert after == _renamed(before, names)


# ------------------------------------------------------------------------------------------- signals


def test_every_pass_has_one_signal_and_every_signal_one_rule() -> None:
    signals = [signal for signal, _ in STEPS if signal is not None]
    assert len(signals) == len(set(signals)) == len(PASSES)
    assert SIGNALS == set(PASSES) | set(BLOCK_SIGNALS)
    carried = [r.get("signal") for r in CLUTTER.rules if r.get("signal")]
    assert sorted(carried) == sorted(SIGNALS)


def test_role_fields_are_declared_and_used() -> None:
    for role in ROLES:
        assert CLUTTER_SCHEMA.fields[role] is bool
        assert load_clean_config().flagged(role), role


def test_rule_with_an_unknown_signal_is_rejected(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder, "clutter.toml", 'signal = "truncated"', 'signal = "truncated_v2"')
    with pytest.raises(RulesError, match=r"E100.*clutter\.toml.*teaser\.truncated_body\.v1.*truncated_v2"):
        load_clean_config(folder)


def test_removing_the_rule_of_a_pass_is_rejected(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder, "clutter.toml", _rule_text("clutter.toml", "teaser.truncated_body.v1"), "")
    with pytest.raises(RulesError, match=r"E101.*clutter\.toml.*'truncated'"):
        load_clean_config(folder)


def test_removing_the_rule_of_a_block_signal_is_rejected(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder, "clutter.toml", 'signal = "date_only"\n', "")
    with pytest.raises(RulesError, match=r"E101.*clutter\.toml.*'date_only'"):
        load_clean_config(folder)


def test_two_rules_with_one_signal_are_rejected(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    rule = _rule_text("clutter.toml", "teaser.truncated_body.v1")
    _edit(folder, "clutter.toml", rule, rule + "\n" + rule.replace("teaser.truncated_body.v1", "teaser.cut_body.v1"))
    with pytest.raises(RulesError, match=r"E102.*clutter\.toml.*teaser\.truncated_body\.v1.*teaser\.cut_body\.v1"):
        load_clean_config(folder)


def test_enabled_false_switches_a_pass_off(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder, "clutter.toml", 'signal = "truncated"\n', 'signal = "truncated"\nenabled = false\n')
    doc = RawDoc(doc_id="s", source="s.txt", text=SEED[0].read_text(encoding="utf-8"))
    art = clean(doc, load_clean_config(folder))
    assert "73 campers" in art.text
    assert art == clean(doc, load_clean_config(disabled=["teaser.truncated_body.v1"]))


def test_pass_parameters_come_from_its_rule(tmp_path: Path) -> None:
    """The heading pass's max_words decides which short lines can be headings."""
    folder = _copy_rules(tmp_path)
    heading = _rule_text("clutter.toml", "heading.short_line.v1")
    _edit(folder, "clutter.toml", heading, heading.replace("max_words = 20", "max_words = 3"))
    page = ("Oil output rises\n\nThe ministry said crude output rose 5% in March from a year earlier.\n\n"
            "Outlook for the year\n\nExports also rose 3%, the customs office said.")
    doc = RawDoc(doc_id="h", source="h.txt", text=page)
    assert "Outlook for the year" in [b.text for b in clean(doc, load_clean_config()).body if b.kind == "heading"]
    assert not [b for b in clean(doc, load_clean_config(folder)).body if b.kind == "heading"]


def test_bad_signal_stops_a_run_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder, "clutter.toml", 'signal = "dangling"', 'signal = "dangle"')
    out = tmp_path / "out"
    assert main(["run", str(SEED[0]), "--out", str(out), "--rules", str(folder), "-q"]) == 2
    err = capsys.readouterr().err
    assert "clutter.toml" in err and "position.dangling_heading.v1" in err and "dangle" in err
    assert not out.exists()


def test_the_writers_box_and_a_blogs_dated_comments_name_their_rules_and_switch_off() -> None:
    """What the writer's box and dated-comment passes drop carries their rule ids; with the rule off it stays."""
    bio = "Meg Roe is a media reporter for the Harbour Times, covering ports and shipping."
    comment = "I took the ferry last week and the queue at the quay went round the block twice."
    page = ("Ferry fares to rise in May\n\nBy Meg Roe\n\n"
            "The ferry company will raise fares by 4% in May, its chief executive said on Tuesday, citing fuel.\n\n"
            "Passenger numbers rose by a third last summer, and two new boats are due to enter service next spring.\n\n"
            f"{bio}\n\n2 comments\n\nJo Lee\n\nMay 2, 2024 at 9:14 am\n\n{comment}\n\nReply\n")
    doc = RawDoc(doc_id="b", source="b.txt", text=page)
    art = clean(doc, load_clean_config())
    rules = {doc.text[b.start:b.end]: b.rule for b in art.dropped}
    assert rules[bio] == "bio.named_author.v1"
    assert rules[comment] == "comments.dated_thread.v1"
    off = clean(doc, load_clean_config(disabled=["bio.named_author.v1", "comments.dated_thread.v1"]))
    assert bio in off.text and comment in off.text
