"""The clean stage (pipeline/clean/): seed acceptance, every rule's examples, API contract, robustness."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.page import CLUTTER_SCHEMA, clean, explain, load_clean_config, passthrough, split_tags
from pipeline.errors import RulesError, UsageError
from pipeline.rules import Example, Rule, load_family
from pipeline.types import Article, RawDoc

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "000_776d51a9b6409b01.txt"
HOST = (Path(__file__).parent / "data" / "clean" / "host.txt").read_text(encoding="utf-8")
CFG = load_clean_config()
RULES = load_family("clutter", CLUTTER_SCHEMA)
PATTERN_RULES = [r for r in RULES.rules if r.pattern is not None]
SIGNAL_RULES = [r for r in RULES.rules if r.get("signal")]


def _doc(text: str, **kw) -> RawDoc:
    return RawDoc(doc_id="t", source="t.txt", text=text, **kw)


def _check_blocks(article: Article) -> None:
    text = article.doc.text
    for b in article.blocks + article.dropped:
        assert text[b.start:b.end] == b.text
        assert b.text == b.text.strip() and b.text
    for b in article.dropped:
        assert b.kind == "clutter" and b.rule


def _host_paragraphs() -> list[str]:
    return [b.text for b in clean(_doc(HOST), CFG).body]


# ------------------------------------------------------------------------------------------- seed page


@pytest.fixture(scope="module")
def seed() -> Article:
    return clean(_doc(SEED.read_text(encoding="utf-8")), CFG)


def test_seed_title_tags_published(seed: Article) -> None:
    assert seed.title == ("The 2022 Shanghai Science and Technology Innovation Center Construction Report was "
                          "released, stating that Shanghai's R&D investment accounts for 4.2% of the city's GDP")
    assert seed.tags == ("enterprises", "GDP")
    assert seed.published == "2024-04-13T22:22:00"


def test_seed_body_is_12_paragraphs_and_4_headings(seed: Article) -> None:
    kinds = [b.kind for b in seed.body]
    assert kinds.count("paragraph") == 12
    assert kinds.count("heading") == 4
    assert "Empowering high-quality economic development" in [b.text for b in seed.body if b.kind == "heading"]
    assert seed.body[-1].text.startswith("The Ministry of Science and Technology")


def test_seed_all_five_teasers_dropped(seed: Article) -> None:
    text = seed.text
    for leak in ("73 campers", "30 million yuan", "100 billion parameter", "college entrance", "Summer Camp",
                 "Huihe", "Lingling", "Beethoven"):
        assert leak not in text
    titles = [b for b in seed.dropped if b.rule == "teaser.repeated_title.v1"]
    bodies = [b for b in seed.dropped if b.rule == "teaser.truncated_body.v1"]
    assert len(titles) == 10 and len(bodies) == 5
    assert all(b.start > seed.body[-1].end for b in seed.dropped)


def test_seed_blocks_have_exact_offsets(seed: Article) -> None:
    _check_blocks(seed)
    assert [b.kind for b in seed.blocks[:2]] == ["title", "meta"]


# ------------------------------------------------------------------------------------------- rule examples


def _pattern_cases(field: str) -> list:
    return [pytest.param(r, ex.text, id=f"{r.id}-{i}") for r in PATTERN_RULES for i, ex in enumerate(getattr(r, field))]


@pytest.mark.parametrize("rule,block", _pattern_cases("examples"))
def test_pattern_rule_matches_its_examples(rule: Rule, block: str) -> None:
    assert rule.pattern.search(block)
    assert int(rule.get("min_words", 0)) <= len(block.split()) <= int(rule.get("max_words", 10 ** 9))


@pytest.mark.parametrize("rule,block", _pattern_cases("counter_examples"))
def test_pattern_rule_rejects_its_counter_examples(rule: Rule, block: str) -> None:
    words = len(block.split())
    assert not rule.pattern.search(block) or words > int(rule.get("max_words", 10 ** 9))


#: Where a pattern rule's example goes in the host article: after the title (metadata), at the end (a tail
#: candidate, decided by position), or after the second paragraph.
_PLACE = {"meta": 1, "tail": 7}


def _embed(block: str, kind: str) -> tuple[str, int]:
    parts = HOST.split("\n\n")
    if kind == "attribution":  # a signature comes with the post it signs
        block = "Crowds at the harbour this morning #wind\n\n" + block
    parts.insert(_PLACE.get(kind, 4), block)
    text = "\n\n".join(parts)
    return text, text.index(block)


def _decided_in_article(rule: Rule, block: str):
    """The article of the host page with ``block`` put where blocks of the rule's kind stand, and the
    output block starting where ``block`` does (None when no block starts there)."""
    text, start = _embed(block, str(rule.get("kind")))
    start = text.index(block, start)
    art = clean(_doc(text), CFG)
    _check_blocks(art)
    return art, next((b for b in art.blocks + art.dropped if b.start == start), None)


@pytest.mark.parametrize("rule,block", _pattern_cases("examples"))
def test_pattern_example_in_an_article_is_classified_and_body_kept(rule: Rule, block: str) -> None:
    """Each example block, put into a clean article, is decided by its own rule, gets the rule's kind and
    costs no article paragraph."""
    art, decided = _decided_in_article(rule, block)
    assert [b.text for b in art.body] == _host_paragraphs()
    assert decided is not None and decided.kind == ("meta" if rule.get("kind") == "meta" else "clutter")
    assert decided.rule == rule.id, "\n".join(explain(art))


@pytest.mark.parametrize("rule,block", _pattern_cases("counter_examples"))
def test_pattern_counter_example_in_an_article_is_not_decided_by_the_rule(rule: Rule, block: str) -> None:
    art, decided = _decided_in_article(rule, block)
    assert decided is None or decided.rule != rule.id, "\n".join(explain(art))


def _signal_cases(field: str) -> list:
    return [pytest.param(r, ex, id=f"{r.id}-{i}") for r in SIGNAL_RULES for i, ex in enumerate(getattr(r, field))]


def _page(example: Example) -> Article:
    return clean(_doc(example.text, title=example.expect.get("title", "")), CFG)


@pytest.mark.parametrize("rule,example", _signal_cases("examples"))
def test_signal_rule_decides_the_block_of_its_example_page(rule: Rule, example: Example) -> None:
    """Each example page runs through clean(): a block with the example's ``block`` text is decided by the
    example's own rule, and every block the rule decides gets its kind."""
    art = _page(example)
    _check_blocks(art)
    kind = rule.get("kind")
    hits = [b for b in art.blocks + art.dropped if b.rule == rule.id]
    assert [b for b in hits if b.text == example.expect["block"]], "\n".join(explain(art))
    assert all(b.kind == ("clutter" if kind == "teaser" else kind) for b in hits)


@pytest.mark.parametrize("rule,example", _signal_cases("counter_examples"))
def test_signal_rule_leaves_its_counter_example_alone(rule: Rule, example: Example) -> None:
    art = _page(example)
    assert not [b for b in art.blocks + art.dropped if b.rule == rule.id], "\n".join(explain(art))
    assert not art.dropped


def test_every_rule_has_id_description_and_examples() -> None:
    for rule in RULES.rules:
        assert rule.get("description"), rule.id
        assert rule.id.rsplit(".", 1)[-1].startswith("v"), rule.id
        assert rule.examples, rule.id


def test_signal_examples_name_the_decided_block_on_their_page() -> None:
    for rule in SIGNAL_RULES:
        for ex in rule.examples:
            assert ex.expect.get("block") and ex.expect["block"] in ex.text, rule.id
        for ex in rule.counter_examples:
            assert "block" not in ex.expect, rule.id


# ------------------------------------------------------------------------------------------- fixtures


def test_host_article_is_kept_whole(shared_datadir: Path) -> None:
    art = clean(_doc((shared_datadir / "clean" / "host.txt").read_text(encoding="utf-8")), CFG)
    assert not art.dropped
    assert [b.kind for b in art.body] == ["paragraph", "paragraph", "heading", "paragraph", "paragraph"]
    assert art.title == "Harbour city expands its wind power capacity"
    assert art.tags == ("energy", "wind")
    assert art.published == "2024-03-05T09:30:00"


def test_single_newline_page_gives_the_same_body(shared_datadir: Path) -> None:
    art = clean(_doc((shared_datadir / "clean" / "single_newline.txt").read_text(encoding="utf-8")), CFG)
    _check_blocks(art)
    assert [b.text for b in art.body] == _host_paragraphs()
    assert art.title == "Harbour city expands its wind power capacity"
    assert art.published == "2024-03-05"
    assert {b.rule for b in art.dropped} >= {"nav.pipe_menu.v1", "ui.label.v2", "section.list_zone.v1",
                                             "footer.copyright.v1", "share.bar.v1"}


def test_teaser_variants_are_all_dropped(shared_datadir: Path) -> None:
    art = clean(_doc((shared_datadir / "clean" / "teasers.txt").read_text(encoding="utf-8")), CFG)
    _check_blocks(art)
    assert len(art.body) == 2 and all(b.kind == "paragraph" for b in art.body)
    for leak in ("47 million", "600 million", "robotics", "Mar 2, 2024", "Read more"):
        assert leak not in art.text
    assert art.published == "2024-03-05T21:30:00"


# ------------------------------------------------------------------------------------------- API


def test_metadata_from_the_doc_when_the_page_has_none() -> None:
    text = "\n".join(_host_paragraphs())
    art = clean(_doc(text, title="From metadata", published="2024-01-02T03:04:05", extracted=True), CFG)
    assert art.title == "From metadata" and art.published == "2024-01-02T03:04:05"
    assert len(art.body) == 5 and not [b for b in art.blocks if b.kind == "title"]


def test_metadata_title_line_is_recognised_in_extracted_text() -> None:
    text = "Harbour city expands its wind power capacity\n" + "\n".join(_host_paragraphs())
    art = clean(_doc(text, title="Harbour city expands its wind power capacity", extracted=True), CFG)
    assert art.blocks[0].kind == "title" and art.blocks[0].rule == "title.metadata.v1"
    assert len(art.body) == 5


def test_page_without_title_or_date_leaves_them_empty() -> None:
    art = clean(_doc("One sentence of prose about the harbour, with a full stop."), CFG)
    assert art.title == "" and art.published == "" and art.tags == ()
    assert [b.kind for b in art.blocks] == ["paragraph"]


def test_disabling_a_rule_by_id() -> None:
    text = SEED.read_text(encoding="utf-8")
    cfg = load_clean_config(disabled=["teaser.truncated_body.v1"])
    art = clean(_doc(text), cfg)
    assert "73 campers" in art.text
    assert not [b for b in art.dropped if b.rule == "teaser.truncated_body.v1"]


def test_unknown_rule_id_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="E021"):
        load_clean_config(disabled=["no.such.rule.v1"])


def test_broken_rules_file_is_a_rules_error(tmp_path: Path) -> None:
    (tmp_path / "clutter.toml").write_text('[[rule]]\nid = "x.v1"\nkind = "clutter"\npattern = "(unclosed"\n')
    with pytest.raises(RulesError, match="E004"):
        load_clean_config(tmp_path)


def test_rule_files_for_the_manifest() -> None:
    names = [rf.path for rf in CFG.rule_files]
    assert names == ["clutter.toml", "dates.toml", "templates.toml"]
    assert all(len(rf.sha256) == 64 for rf in CFG.rule_files)


def test_passthrough_keeps_every_blank_line_block() -> None:
    text = SEED.read_text(encoding="utf-8")
    art = passthrough(_doc(text, title="T"))
    _check_blocks(art)
    assert not art.dropped and art.title == "T"
    assert len(art.blocks) == text.strip().count("\n\n") + 1
    assert all(b.kind == "paragraph" for b in art.blocks)


def test_explain_lists_every_block_in_page_order(seed: Article) -> None:
    lines = explain(seed)
    assert len(lines) == len(seed.blocks) + len(seed.dropped)
    starts = [int(line.split("-", 1)[0]) for line in lines]
    assert starts == sorted(starts)
    assert sum(" DROP " in line for line in lines) == len(seed.dropped)
    assert any("teaser.repeated_title.v1" in line for line in lines)
    assert all(len(line) < 160 for line in lines)


@pytest.mark.parametrize("text,head,tags", [
    ("Oil output rises in the north | energy | oil", "Oil output rises in the north", ("energy", "oil")),
    ("Home | News | World", "Home | News | World", ()),
    ("No tags here", "No tags here", ()),
])
def test_split_tags(text: str, head: str, tags: tuple) -> None:
    assert split_tags(text) == (head, tags)


# ------------------------------------------------------------------------------------------- robustness


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "Short line", "A full sentence with a number 42 in it.", "Home | News | World | Sport", "Advertisement",
    "Cut-off teaser body that goes on and on without ending and keeps going with more words and", "",
    "Apr 13, 2024 22:22 PM", "Title | tag | tag", "Read more", "Top stories", "© 2024 Example",
]), max_size=30), st.sampled_from(["\n", "\n\n"]))
def test_any_page_gives_consistent_blocks(parts: list[str], sep: str) -> None:
    art = clean(_doc(sep.join(parts)), CFG)
    _check_blocks(art)
    every = sorted(art.blocks + art.dropped, key=lambda b: b.start)
    assert all(a.end < b.start for a, b in zip(every, every[1:]))


#: Pathological pages (input of size k) and the small size timed (8 times that is the big one).
PATHOLOGICAL_PAGES = [(lambda k: "9" * k, 12_500), (lambda k: "x" * k + ".", 250_000), (lambda k: "word " * k, 50_000),
                      (lambda k: "ab\n" * k, 2_000), (lambda k: "Home | News\n\n" * k, 1_250)]


@pytest.mark.slow
def test_pathological_pages_take_linear_time(cost_growth) -> None:
    for make, n in PATHOLOGICAL_PAGES:
        growth = cost_growth(lambda k: clean(_doc(make(k)), CFG), n)
        assert growth.below_quadratic, f"{make(3)!r}...: {growth}"
    art = clean(_doc("9" * 100_000), CFG)
    assert len(art.blocks) + len(art.dropped) == 1
    one_line = clean(_doc("word " * 400_000), CFG)  # a whole page on one unpunctuated line is not a teaser
    assert [b.kind for b in one_line.blocks] == ["paragraph"]


@pytest.mark.parametrize("extracted", [False, True])
def test_cjk_sentences_are_prose(extracted: bool) -> None:
    text = ("港口吞吐量创新高\n"
            "今年第一季度，该港口共处理集装箱1240万标准箱，同比增长8.1%。\n"
            "新能源汽车出口增长45%，大宗商品进口基本持平。\n"
            "港务局表示，东区码头新泊位将于六月投入使用。")
    art = clean(_doc(text, extracted=extracted, title="港口吞吐量创新高" if extracted else ""), CFG)
    assert [b.kind for b in art.body] == ["paragraph"] * 3
    assert art.title == "港口吞吐量创新高"


def test_extracted_text_keeps_lists_and_repeats() -> None:
    """Text extracted from HTML: lists and repeated lines left by the extractor are content."""
    items = ["June 9 - West Palm Beach, FL", "June 10 - Tampa, FL", "June 14 - Alpharetta, GA"]
    text = "\n".join(["The band announced 30 dates for its anniversary tour on Monday."] + items + items[:1])
    art = clean(_doc(text, extracted=True), CFG)
    assert len(art.body) == 5 and not art.dropped
    art = clean(_doc(text), CFG)
    assert len(art.body) < 5


# ------------------------------------------------------------------------------------------- positional rules


def _host_with(*blocks: str, at: int = 7) -> str:
    parts = HOST.split("\n\n")
    parts[at:at] = list(blocks)
    return "\n\n".join(parts)


def test_author_bio_is_dropped_only_at_the_end() -> None:
    bio = "Jane Doe is a reporter covering energy for Example Daily."
    art = clean(_doc(_host_with(bio)), CFG)
    assert [b.text for b in art.body] == _host_paragraphs()
    assert [b.rule for b in art.dropped] == ["bio.author.v1"]
    art = clean(_doc(_host_with(bio, at=4)), CFG)
    assert bio in [b.text for b in art.body] and not art.dropped


def test_single_commenter_line_does_not_start_a_thread() -> None:
    art = clean(_doc(_host_with("jsmith42 · 2 hours ago", at=4)), CFG)
    assert [b.text for b in art.body] == _host_paragraphs()


def test_comment_thread_runs_to_the_end_of_the_page() -> None:
    thread = ["Comments (2)", "jsmith42 · 2 hours ago", "Good news for the region, at last.", "Reply",
              "Helen W.", "1 day ago", "Prices at the pump have not fallen at all, though."]
    art = clean(_doc(_host_with(*thread)), CFG)
    assert [b.text for b in art.body] == _host_paragraphs()
    assert len(art.dropped) == len(thread)


def test_long_paragraph_above_an_embed_signature_is_kept() -> None:
    para = " ".join(["Officials said the turbines would be installed in stages over the next two years."] * 5)
    art = clean(_doc(_host_with(para, "— Jane Doe (@janedoe) May 2, 2024", at=4)), CFG)
    assert para in [b.text for b in art.body]


def test_blurb_needs_a_frame_above_it() -> None:
    blurb = "A tanker loads crude at the northern terminal."
    art = clean(_doc(_host_with("Photo: Reuters", blurb, "1 of 3", at=4)), CFG)
    assert blurb in [b.text for b in art.body]
    art = clean(_doc(_host_with("1 of 3", blurb, "Photo: Reuters", at=4)), CFG)
    assert blurb not in [b.text for b in art.body]
    assert [b.text for b in art.body] == _host_paragraphs()


def test_live_blog_times_are_not_body_text() -> None:
    art = clean(_doc(_host_with("10:32 GMT", at=4)), CFG)
    assert [b.text for b in art.body] == _host_paragraphs()
    assert any(b.rule == "meta.clock_time.v1" for b in art.blocks)


def test_dense_group_needs_blank_line_paragraphs() -> None:
    """A page written with single newlines throughout keeps its heading/paragraph lines."""
    lines = ["Oil output rises", "The ministry said crude output rose 5% in March from a year earlier.",
             "Exports also rose 3%, the customs office said.", "Outlook for the year",
             "Demand is expected to stay firm through the summer, analysts said.", "Refining margins",
             "Margins widened in the first quarter on strong diesel demand."]
    art = clean(_doc("\n".join(lines)), CFG)
    assert not [b for b in art.dropped if b.rule == "list.dense_group.v1"]
    assert len(art.body) == 6


@pytest.mark.parametrize("mark", ["-", "*", "•", "1."])
@pytest.mark.parametrize("label", ["More stories", "Related articles", "Top stories"])
def test_a_list_without_blank_lines_under_a_list_label_goes_with_it(label: str, mark: str) -> None:
    body = [
        "Storm Henk brought gusts of up to 94mph to the coast on Saturday, and more than 60 flood warnings remain.",
        "About 45,000 homes lost power overnight, and engineers had reconnected 31,000 of them by Sunday morning.",
        "Rail operator GWR cancelled 40% of its services and said it would take two days to clear the lines.",
    ]
    others = ["Flood defences cost £5.6bn, report finds", "Farmers count the cost of wettest winter",
              "Ten tips to protect your home from storms"]
    marks = [mark if mark != "1." else f"{n}." for n in range(1, 4)]
    text = "Storm hits coast\n\n" + "\n\n".join(body) + f"\n\n{label}\n\n" + "\n".join(
        f"{m} {t}" for m, t in zip(marks, others)) + "\n"
    art = clean(RawDoc(doc_id="d", source="s.txt", text=text), load_clean_config())
    kept = " ".join(b.text for b in art.body)
    assert all(p in kept for p in body)
    assert not any(t in kept for t in others), "another story's headline was kept as article text"


def test_a_list_of_the_article_written_without_blank_lines_stays() -> None:
    text = ("Cheap fixes for a leaky house\n\nInsurers say most storm claims come from a few simple faults, and "
            "that owners can check them in an afternoon before the winter storms arrive.\n\n"
            "- Clear the gutters of leaves and moss\n- Check the seals around every window\n"
            "- Tie down garden furniture and bins\n\n"
            "The Association of British Insurers said claims for storm damage reached £250m last year.\n")
    art = clean(RawDoc(doc_id="d", source="s.txt", text=text), load_clean_config())
    assert "Check the seals around every window" in " ".join(b.text for b in art.body)


@pytest.mark.parametrize("card", [["Energy 22 hours ago"], ["Energy", "22 hours ago"]])
def test_a_story_card_with_a_menu_section_and_its_age_starts_no_comment_thread(card: list[str]) -> None:
    menu = ["Home", "Energy", "Ports", "Sport", "Weather"]
    paras = ["The harbour board said cargo volumes rose 12% in May from a year earlier, the fastest growth since"
             " the new quay opened in 2019.",
             "Container traffic reached 410,000 boxes in the month, while bulk grain shipments fell by a fifth"
             " after a poor harvest in the south.",
             "Officials expect the second berth to open in the autumn, which they said would lift capacity by"
             " about a third over the next two years.",
             "The board will publish its figures for June at the end of next month, a spokesman said on Monday.",
             "Shipping lines added two weekly calls in the spring, and more are planned once dredging is done."]
    teaser = "Wind farms off the coast produced a record share of the region's power last winter, the grid said."
    text = "\n\n".join([*menu, "Harbour cargo rises 12% in May", *paras[:2], *card, teaser, *paras[2:],
                        *card, "Solar panels on the quay sheds will be switched on in July, officials said."])
    art = clean(_doc(text), CFG)
    kept = [b.text for b in art.body]
    assert all(p in kept for p in paras)



_QUAY = ["The harbour authority said on Monday that the new quay would open to ferries in the spring, after two "
         "years of building work and a long dispute over its cost.",
         "Ferry operators have waited for the berth since the old pier was closed for repairs, and two of them plan "
         "to add sailings to the islands once it opens.",
         "The quay was built by a local firm, which said the work had been slowed by storms in the winter and by a "
         "shortage of steel piles in the autumn.",
         "Residents near the port have asked the council to limit night sailings, saying that the noise of loading "
         "ramps carries far across the water."]


@pytest.mark.parametrize(("date_under_deck", "published"), [(True, "2023-11-19T05:44:00+00:00"), (False, "")])
def test_release_time_under_a_standfirst(date_under_deck: bool, published: str) -> None:
    """A date line under the headline's standfirst and byline is the release time; one under the article is not."""
    nav = "".join(f"  * [{w}](https://example.org/{w.lower()})\n" for w in ("Home", "Ports", "Ferries", "Weather"))
    head = ("# Harbour quay opens to ferries after two-year build\n\n"
            "The new berth doubles the port's capacity for car ferries.\n\nby [Ann Lee](https://example.org/ann)\n\n")
    date = "19 Nov 2023 05:44 GMT\n\n"
    body = "\n\n".join(_QUAY) + "\n\n"
    art = clean(_doc(nav + "\n" + head + (date + body if date_under_deck else body + date)), CFG)
    assert art.dialect == "markdown" and art.title == "Harbour quay opens to ferries after two-year build"
    assert art.published == published


def _screen_page(head: str) -> str:
    """A screen dump (bullets of a menu, paragraphs wrapped near 80 columns) with ``head`` between its headline
    and its article, and two related stories with their own release times under it."""
    nav = "".join(f"  • {w}\n" for w in ("Home", "News", "Ports", "Weather"))
    body = "\n\n".join(textwrap.fill(p, 76) for p in _QUAY)
    related = ("Related stories\n\nFerry line adds a night crossing to the islands\nPublished 3 January 2023 at "
               "9:15 AM\n\nPort traffic rises for a third year\nPublished 14 November 2022 at 7:02 PM\n")
    return f"{nav}\nHarbour quay opens to ferries after two-year build\n\n{head}\n\n{body}\n\n{related}"


@pytest.mark.parametrize(("head", "published"), [
    ("By Ann Lee, Ports Correspondent, in Harbour City · Published 12 May 2024\nat 4:46 PM", "2024-05-12T16:46:00"),
    ("By Ann Lee\nPublished 12 May 2024 at 4:46\nPM", "2024-05-12T16:46:00"),
    ("Published 12 May 2024 at\n4:46 PM", "2024-05-12T16:46:00"),
    ("By Ann Lee\nPublished 12 May 2024\nUpdated 13:20", "2024-05-12"),
])
def test_a_wrapped_byline_and_release_time_on_a_screen_dump(head: str, published: str) -> None:
    """A byline that goes on with its release time, wrapped by the screen, and a time of day whose rest the
    screen put on the next line give the article's release time, not a related story's further down; a label
    on the next line ('Updated 13:20') is no part of the date line's time."""
    art = clean(_doc(_screen_page(head)), CFG)
    assert art.dialect == "terminal" and art.title == "Harbour quay opens to ferries after two-year build"
    assert art.published == published
    assert [b.text.split()[:3] for b in art.body] == [p.split()[:3] for p in _QUAY]


_THREAD = ("Reader comments\n\nMaria K. · 3 hours ago\n\nThis is what the town has needed for years, glad they "
           "finally listened.\n\nReply · 12 likes\n\ntomw_88 · 5 hours ago\n\nI doubt the council will keep its "
           "promise on the fares once the money runs out.\n\nReply · 3 likes\n\n")


@pytest.mark.parametrize("thread", [_THREAD, _THREAD.replace("Reply · 12 likes\n\n", "").replace(
    "Reply · 3 likes\n\n", ""), _THREAD.replace("Reader comments\n\n", "").replace("Reply · 12 likes\n\n", "")])
def test_reader_comments_above_the_article_are_dropped_and_the_article_kept(thread: str) -> None:
    """A comment thread printed above the headline (commenters, their words, action lines) is dropped before
    the headline is looked for; the headline and every paragraph of the article stay."""
    text = "Home | News | Ports | Weather\n\n" + thread + "Harbour quay opens to ferries after two-year build\n\n" \
        + "\n\n".join(_QUAY) + "\n"
    art = clean(_doc(text), CFG)
    assert art.title == "Harbour quay opens to ferries after two-year build", "\n".join(explain(art))
    assert [b.text for b in art.body] == _QUAY, "\n".join(explain(art))
    assert not [b for b in art.body if "promise on the fares" in b.text or "years, glad" in b.text]


_BLOG = ("Allotment diary\nHome\nRecipes\nContact\n{above}Why beans fail in a cold May\n{below}"
         "Runner beans sown before the soil reaches ten degrees often rot in the ground, and a late frost can kill "
         "the seedlings that do come up in a single night.\n"
         "Sowing two weeks later, or under cloches, gave a crop about 30 percent larger in our trial beds last year.\n")


@pytest.mark.parametrize(("label", "date", "iso"), [
    ("Posted on", "May 1, 2015", "2015-05-01"),
    ("Published:", "14 March 2019", "2019-03-14"),
    ("Last updated on", "2021-11-02 08:15", "2021-11-02T08:15:00"),
])
@pytest.mark.parametrize("where", ["above", "below"])
def test_a_date_label_over_its_date_line_is_the_release_time(label: str, date: str, iso: str, where: str) -> None:
    # a label cut from its date at the date's link, in a run of short lines: the release time, kept as metadata
    lines = f"{label}\n{date}\n"
    art = clean(_doc(_BLOG.format(above=lines if where == "above" else "", below=lines if where == "below" else "")),
                CFG)
    assert art.published == iso
    assert art.title == "Why beans fail in a cold May"
    meta = [b for b in art.blocks if b.kind == "meta"]
    assert [b.text for b in meta] == [label, date]


def test_a_short_line_over_a_date_line_without_a_label_is_not_a_release_time() -> None:
    art = clean(_doc(_BLOG.format(above="", below="Gardening\nMay 1, 2015\n")), CFG)
    assert not any(b.kind == "meta" and b.text == "Gardening" for b in art.blocks)


def test_a_link_to_the_page_in_another_language_is_dropped() -> None:
    body = ("Harbour tolls rise for a third year\n\nThe harbour board raised its tolls by 4% on Monday, the third "
            "increase in as many years, according to figures the board published.\n\n{label}\n\nShipping firms "
            "said the rise would add about £2m to their annual costs, and some warned that smaller lines could move.\n")
    for label in ("Русский", "한국어", "閱讀繁體中文版", "Lire en français"):
        art = clean(_doc(body.format(label=label)), CFG)
        assert label not in art.text
        assert [b.rule for b in art.dropped if b.text == label] == ["ui.language_switch.v1"]
    # a heading naming a language, or a sentence about one, stays
    for kept in ("Deutsch für Anfänger", "Русский язык в школе"):
        assert kept in clean(_doc(body.format(label=kept)), CFG).text
