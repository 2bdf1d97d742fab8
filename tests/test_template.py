"""Site templates: normalisation, sites, counting over a batch, the clean-stage pass and the run's pre-pass."""
from __future__ import annotations

import csv
import json
import pickle
import random
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.clean.page import clean, load_clean_config
from pipeline.clean.template import (
    RULE_ID, TEMPLATE_SCHEMA, TemplateRule, TemplateSet, count_templates, is_prose, line_key, load_template_rule,
    normalise, site_of,
)
from pipeline.errors import RulesError
from pipeline.ids import doc_id
from pipeline.ingest.listing import IngestOptions, list_inputs
from pipeline.rules import load_family, rules_dir
from pipeline.run.options import RunOptions, Settings
from pipeline.run.prepass import TEMPLATES
from pipeline.run.runner import run
from pipeline.types import RawDoc

RULE = TemplateRule()
NAV = "Home | World | Markets | Harbours | Opinion"
ABOUT = ("Quayside Daily is a reader-funded newsroom that has covered ports, ferries and the people who run "
         "them since 1987.")
SHARED = ("The harbour authority has spent four years and most of its reserves on the new breakwater, "
          "which storms damaged twice.")
WORDS = ("ferry crane berth tide cargo pilot dredger quay harbour vessel tug freight captain dock channel "
         "container tanker warehouse lighthouse buoy").split()


def _prose(rng: random.Random, sentences: int = 3) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randrange(9, 16))]
        out.append(" ".join(words).capitalize() + f" rose {rng.randrange(2, 90)}%.")
    return " ".join(out)


def _page(n: int, site: str, rng: random.Random, shared: bool = False) -> str:
    """A made-up page of ``site``: its nav line, a title, article paragraphs and its footer."""
    body = [_prose(rng) for _ in range(3)]
    if shared:
        body.insert(1, SHARED)
    return "\n\n".join([NAV, f"{site} story {n}: {rng.choice(WORDS)} traffic {rng.choice(WORDS)}s up", *body,
                        ABOUT.replace("Quayside Daily", site), f"© 2024 {site}. All rights reserved."])


def _docs(site: str, pages: int, seed: int = 1, shared: int = 0, url: bool = True) -> list[RawDoc]:
    rng = random.Random(seed)
    docs = []
    for n in range(pages):
        text = _page(n, site, rng, shared=n < shared)
        host = site.lower().replace(" ", "")
        docs.append(RawDoc(doc_id=doc_id(text.encode()), source=f"{host}/p{n}.txt", text=text,
                           url=f"https://www.{host}.com/{n}" if url else ""))
    return docs


# ----------------------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(("line", "normal"), [
    ("  Home | World  ", "home | world"),
    ("Updated 12:45, 3 May 2024", "updated 12:45, 3 may 2024"),
    ("MOST\tREAD", "most read"),
    ("“Subscribe” — now！", "subscribe now"),
    ("   ", ""),
    ("a\x07b", "ab"),
    ("a\x1fb\x85c", "a b c"),  # a control that is white space is a space, not dropped
    ("a 、 b\u00a0\u00a0c", "a b c"),  # a dropped mark between spaces leaves one
])
def test_normalise_folds_case_wide_punctuation_and_space_and_keeps_digits(line: str, normal: str) -> None:
    assert normalise(line) == normal


def _rule_examples() -> tuple[list[str], list[str]]:
    rule = load_family("templates", TEMPLATE_SCHEMA).by_id()[RULE_ID]
    return [e.text for e in rule.examples], [e.text for e in rule.counter_examples]


@pytest.mark.parametrize("line", _rule_examples()[0])
def test_rule_examples_are_prose(line: str) -> None:
    assert is_prose(normalise(line), load_template_rule())


@pytest.mark.parametrize("line", _rule_examples()[1])
def test_rule_counter_examples_are_not_prose(line: str) -> None:
    assert not is_prose(normalise(line), load_template_rule())


@pytest.mark.parametrize(("url", "source", "site"), [
    ("https://www.Example.com/a/b", "x/y.txt", "host:example.com"),
    ("http://news.example.co.uk:8080/x", "", "host:news.example.co.uk"),
    ("", "dumps/siteA/page1.txt", "folder:dumps/siteA"),
    ("", "page1.txt", "folder:"),
    ("", "crawl/part.jsonl#12", "folder:crawl"),
    ("not a url", "feed/a.txt", "folder:feed"),
])
def test_site_is_the_url_host_else_the_source_folder(url: str, source: str, site: str) -> None:
    assert site_of(RawDoc(doc_id="d", source=source, text="", url=url)) == site


def test_line_key_depends_on_site_and_normal_form() -> None:
    assert line_key("host:a.com", "home") == line_key("host:a.com", "home")
    assert line_key("host:a.com", "home") != line_key("host:b.com", "home")


# ----------------------------------------------------------------------------------------- counting


def test_lines_on_many_documents_of_a_site_are_template() -> None:
    docs = _docs("Quayside Daily", 10)
    tset = count_templates(docs, RULE)
    assert tset is not None and tset.documents == 10 and tset.sites == 1
    site = site_of(docs[0])
    assert tset.count(line_key(site, normalise(NAV))) == 10
    assert tset.count(line_key(site, normalise(docs[0].text.split("\n\n")[2]))) == 0  # article prose


def test_a_pattern_sentence_with_other_figures_on_each_page_is_no_template() -> None:
    """Figures are the claims: a sentence written from one pattern keeps its own numbers on each page."""
    docs = _docs("Quayside Daily", 10)
    docs = [replace(d, text=d.text + f"\n\nThe port employs {1400 + i} workers and handled {20 + i} ships.")
            for i, d in enumerate(docs)]
    tset = count_templates(docs, RULE)
    site = site_of(docs[0])
    assert tset.count(line_key(site, normalise("The port employs 1400 workers and handled 20 ships."))) == 0
    assert tset.count(line_key(site, normalise(NAV))) == 10


def test_a_batch_smaller_than_min_batch_has_no_templates() -> None:
    assert count_templates(_docs("Quayside Daily", RULE.min_batch - 1), RULE) is None


@pytest.mark.parametrize(("shared", "template"), [(4, False), (8, True)])
def test_prose_needs_more_documents_than_a_short_line(shared: int, template: bool) -> None:
    """A sentence quoted on 4 of 12 pages (a third) stays article text; on 8 of 12 it is boilerplate."""
    docs = _docs("Quayside Daily", 12, shared=shared)
    tset = count_templates(docs, RULE)
    assert (tset.count(line_key(site_of(docs[0]), normalise(SHARED))) > 0) is template


def test_short_line_needs_its_share_of_the_site() -> None:
    docs = _docs("Quayside Daily", 20)
    promo = "Listen to our podcast"
    docs = [replace(d, text=d.text + f"\n\n{promo}") if i < 4 else d for i, d in enumerate(docs)]
    key = line_key(site_of(docs[0]), normalise(promo))
    assert count_templates(docs, RULE).count(key) == 0  # 4 of 20 < a quarter
    docs = [replace(d, text=d.text + f"\n\n{promo}") if 4 <= i < 5 else d for i, d in enumerate(docs)]
    assert count_templates(docs, RULE).count(key) == 5


def test_sites_are_counted_apart_and_copies_once() -> None:
    a, b = _docs("Quayside Daily", 3), _docs("Dockside Post", 3, seed=2)
    copies = [a[0]] * 6
    tset = count_templates([*a, *b, *copies], replace(RULE, min_batch=1))
    assert tset.documents == 6 and tset.sites == 2
    assert tset.count(line_key(site_of(a[0]), normalise(NAV))) == 0  # 3 documents of a site < min_docs


def test_counting_does_not_depend_on_document_order() -> None:
    docs = _docs("Quayside Daily", 10) + _docs("Dockside Post", 10, seed=3, url=False)
    shuffled = docs[:]
    random.Random(5).shuffle(shuffled)
    assert count_templates(docs, RULE).sha256 == count_templates(shuffled, RULE).sha256


def test_a_site_is_counted_over_its_first_documents_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_SITE_DOCS documents a site's lines are no longer counted, nor are its documents."""
    from pipeline.clean import template

    monkeypatch.setattr(template, "MAX_SITE_DOCS", 8)
    docs = _docs("Quayside Daily", 12)
    tset = count_templates(docs, RULE)
    assert tset.count(line_key(site_of(docs[0]), normalise(NAV))) == 8


def test_template_set_round_trips_through_bytes_and_pickle() -> None:
    tset = count_templates(_docs("Quayside Daily", 10), RULE, batch="b1")
    again = TemplateSet.from_bytes(tset.to_bytes())
    assert again == tset and again.batch == "b1" and len(again) == len(tset) > 0
    assert pickle.loads(pickle.dumps(tset)) == tset
    with pytest.raises(ValueError):
        TemplateSet.from_bytes(tset.to_bytes().replace(b'"format":2', b'"format":9'))


# ----------------------------------------------------------------------------------------- the rule file


def test_rule_loads_from_the_packaged_file() -> None:
    assert load_template_rule() == RULE


def _rule_folder(tmp_path: Path, old: str, new: str) -> Path:
    text = (rules_dir() / "templates.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "templates.toml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_out_of_range_parameter_is_e320(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"E320.*min_share = 1.5"):
        load_template_rule(_rule_folder(tmp_path, "min_share = 0.25", "min_share = 1.5"))


def test_rule_switched_off_in_its_file_gives_none(tmp_path: Path) -> None:
    assert load_template_rule(_rule_folder(tmp_path, "prose_share = 0.5", "prose_share = 0.5\nenabled = false")) is None


# ----------------------------------------------------------------------------------------- the clean stage


def test_clean_drops_template_blocks_with_rule_and_reason() -> None:
    docs = _docs("Quayside Daily", 10)
    cfg = replace(load_clean_config(), templates=count_templates(docs, RULE))
    art = clean(docs[0], cfg)
    dropped = {b.text: b for b in art.dropped}
    assert dropped[ABOUT].rule == RULE_ID and dropped[ABOUT].reason == "line(s) on 10 documents of the site"
    assert art.title.startswith("Quayside Daily story 0")
    assert ABOUT not in art.text and len(art.body) == 3


def test_clean_without_templates_keeps_what_it_kept() -> None:
    docs = _docs("Quayside Daily", 10)
    assert ABOUT in clean(docs[0], load_clean_config()).text


def test_the_only_paragraph_and_the_title_are_never_template() -> None:
    text = "Quayside Daily weekly digest\n\n" + ABOUT
    docs = [RawDoc(doc_id=f"d{n}", source=f"q/{n}.txt", text=text if n == 0 else f"{text}\n\nStory {n}.")
            for n in range(10)]
    art = clean(docs[0], replace(load_clean_config(), templates=count_templates(docs, RULE)))
    assert art.title == "Quayside Daily weekly digest" and ABOUT in art.text


# ----------------------------------------------------------------------------------------- the run


@pytest.fixture
def sites(tmp_path: Path) -> Path:
    """Two sites of 10 made-up pages each, a folder per site (no URLs)."""
    root = tmp_path / "in"
    for name, seed in (("Quayside Daily", 1), ("Dockside Post", 2)):
        for doc in _docs(name, 10, seed=seed, url=False):
            path = root / doc.source
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(doc.text, encoding="utf-8")
    return root


DATA = ("claims.csv", "documents.csv", "clutter.csv", "articles.jsonl")


def _rules(out: Path) -> list[str]:
    with open(out / "clutter.csv", encoding="utf-8", newline="") as handle:
        return [row["rule"] for row in csv.DictReader(handle)]


def test_run_drops_templates_the_same_whatever_the_workers(sites: Path, tmp_path: Path) -> None:
    settings = Settings(use_ner=False)
    one = run([sites], settings, RunOptions(out=tmp_path / "one"))
    two = run([sites], settings, RunOptions(out=tmp_path / "two", workers=2, shard_files=3))
    assert two.manifest["counts"]["shards"] > 1
    for name in DATA:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert _rules(tmp_path / "one").count(RULE_ID) >= 20  # the about box of every page at least
    stored = TemplateSet.from_bytes((tmp_path / "one" / "parts" / TEMPLATES).read_bytes())
    assert one.manifest["settings"]["template_set"] == stored.sha256 and stored.sites == 2
    records = [json.loads(line) for line in (tmp_path / "one" / "articles.jsonl").read_text().splitlines()]
    reasons = {b.get("reason") for r in records for b in r["blocks"] if b["rule"] == RULE_ID}
    assert reasons == {"line(s) on 10 documents of the site"}


def test_html_pages_are_not_counted(sites: Path, tmp_path: Path) -> None:
    """Pages read through the HTML extractor are left out of the count (the extractor drops templates)."""
    for path in sorted(sites.rglob("*.txt")):
        body = "".join(f"<p>{part}</p>" for part in path.read_text(encoding="utf-8").split("\n\n"))
        path.with_suffix(".html").write_text(f"<html><body><article>{body}</article></body></html>", "utf-8")
        path.unlink()
    run([sites], Settings(use_ner=False), RunOptions(out=tmp_path / "html"))
    assert RULE_ID not in _rules(tmp_path / "html")
    assert not (tmp_path / "html" / "parts" / TEMPLATES).exists()


@pytest.mark.slow  # whole runs over HTML records with 1 and 2 workers (seconds)
def test_html_records_are_not_extracted_by_the_count(sites: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A JSON Lines batch mixing text and HTML records: the pre-pass counts the text records without running
    the HTML extractor, and the run's files are the same whatever the workers."""
    import pipeline.ingest.records as records
    import pipeline.run.prepass as prepass

    rows = []
    for path in sorted(sites.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        rows.append({"text": text, "url": f"https://www.{path.parent.name}.com/{path.stem}"})
        body = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
        rows.append({"html": f"<html><body><article>{body}</article></body></html>"})
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "pages.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    calls: list[str] = []
    real = records.extract_html

    def counted(html: str, url: str = "", *args, **kwargs):
        calls.append(url)
        return real(html, url, *args, **kwargs)

    monkeypatch.setattr(records, "extract_html", counted)
    files = list_inputs([batch], IngestOptions())
    tset = prepass.count_templates(prepass._documents(files, Settings()), RULE)
    assert calls == [] and tset is not None and tset.sites == 2
    one = run([batch], Settings(use_ner=False), RunOptions(out=tmp_path / "one"))
    assert len(calls) == len(rows) // 2  # once each, by the clean run only
    two = run([batch], Settings(use_ner=False), RunOptions(out=tmp_path / "two", workers=2, shard_bytes=4000))
    assert two.manifest["counts"]["shards"] > 1
    for name in DATA:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert one.manifest["settings"]["template_set"] and RULE_ID in _rules(tmp_path / "one")


def test_no_templates_switch_keeps_them(sites: Path, tmp_path: Path) -> None:
    result = run([sites], Settings(use_ner=False, templates=False), RunOptions(out=tmp_path / "off"))
    assert RULE_ID not in _rules(tmp_path / "off")
    assert not (tmp_path / "off" / "parts" / TEMPLATES).exists()
    assert result.manifest["settings"]["template_set"] == ""


def test_resume_reuses_the_stored_set(sites: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "run"
    run([sites], Settings(use_ner=False), RunOptions(out=out))
    import pipeline.run.prepass as prepass

    def fail(*args, **kwargs):
        raise AssertionError("counted again")

    monkeypatch.setattr(prepass, "count_templates", fail)
    again = run([sites], Settings(use_ner=False), RunOptions(out=out, resume=True))
    assert again.unchanged


def test_resume_after_an_edit_counts_again_and_redoes_every_shard(sites: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    run([sites], Settings(use_ner=False), RunOptions(out=out, shard_files=4))
    before = (out / "parts" / TEMPLATES).read_bytes()
    page = next((sites / "quaysidedaily").glob("*.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\n\nListen to our podcast\n", encoding="utf-8")
    again = run([sites], Settings(use_ner=False), RunOptions(out=out, shard_files=4, resume=True))
    assert (out / "parts" / TEMPLATES).read_bytes() != before
    assert again.manifest["counts"]["shards_resumed"] == 0


def test_cli_no_templates(sites: Path, tmp_path: Path) -> None:
    from pipeline.cli import main

    assert main(["run", str(sites), "--out", str(tmp_path / "cli"), "--no-ner", "--no-templates", "--quiet"]) == 0
    assert RULE_ID not in _rules(tmp_path / "cli")


@pytest.mark.slow
def test_dask_run_drops_the_same_templates(sites: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    settings = Settings(use_ner=False)
    run([sites], settings, RunOptions(out=tmp_path / "one"))
    run([sites], settings, RunOptions(out=tmp_path / "dask", engine="dask", workers=2, shard_files=3))
    for name in DATA:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
