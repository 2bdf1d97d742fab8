"""Tests for pipeline.ingest.html: blocks, metadata, hostile markup bounds."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import html as H


@pytest.fixture
def article(shared_datadir):
    return H.extract_html((shared_datadir / "ingest" / "article.html").read_text(encoding="utf-8"))


def test_metadata_from_page(article):
    assert not article.error
    assert article.title == "Harbour traffic hits record"
    assert article.published.startswith("2023-05-02")
    assert article.url == "https://news.example.org/economy/harbour-record"
    assert ("author", "Lin Wei") in article.meta


def test_blocks_are_blank_line_separated(article):
    assert article.text == "\n\n".join(article.blocks)
    assert all(b and b == b.strip() and "\n\n" not in b for b in article.blocks)
    # headings stand alone; paragraphs are whole, with whitespace collapsed
    assert "New berths" in article.blocks
    para = next(b for b in article.blocks if b.startswith("Two deep-water berths"))
    assert para.endswith("to the port's capacity.") and "  " not in para and "\n" not in para


def test_lists_and_tables_keep_one_line_per_item(article):
    berths = next(b for b in article.blocks if b.startswith("Berth 7"))
    assert berths.split("\n") == ["Berth 7: 1.1 million containers a year", "Berth 8: 0.9 million containers a year"]
    table = next(b for b in article.blocks if b.startswith("Quarter"))
    assert table.split("\n")[1].split("\t") == ["Q1 2022", "3.06"]


def test_boilerplate_is_left_out(article):
    for clutter in ("All rights reserved", "Privacy", "Most read", "Home"):
        assert clutter not in article.text


def test_lb_and_inline_markup():
    page = ("<html><body><article><p>First line with <b>bold 12%</b> text<br>second line of the same paragraph, "
            "long enough to count as article text for the extractor.</p>" + "<p>Filler paragraph " * 6 + "</p>"
            "</article></body></html>")
    res = H.extract_html(page)
    first = res.blocks[0]
    assert first.split("\n")[0] == "First line with bold 12% text"


@pytest.mark.parametrize("markup", ["", "   ", "<html></html>", "<<<>>>", "\x00\x00", "<p>" * 3])
def test_degenerate_markup_never_raises(markup):
    res = H.extract_html(markup)
    assert res.text == "" or res.text.strip()
    assert isinstance(res.error, str)


def test_deep_nesting_is_bounded_and_reported(cost_growth):
    found = {}

    def page(depth):
        found[depth] = H.extract_html("<html><body>" + "<div>" * depth + "<p>Deep text 3.5%.</p>" + "</div>" * depth
                                      + "</body></html>")

    growth = cost_growth(page, 5000)
    assert growth.below_quadratic, growth
    assert all(res.error.startswith("HTML nested too deeply") for res in found.values())


def test_tag_soup_over_element_bound_is_reported(monkeypatch):
    monkeypatch.setattr(H, "MAX_ELEMENTS", 1_000)
    res = H.extract_html("<html><body>" + "<p><b>x</b><i>1,2</i></p>" * 2_000 + "</body></html>")
    assert res.error == "too many HTML elements (over 1000)"


def test_huge_tag_soup_finishes_in_bounded_time(cost_growth):
    found = {}
    growth = cost_growth(lambda k: found.__setitem__(k, H.extract_html(
        "<html><body>" + "<p><b>x</b><i>y 1,2</i>" * k + "</body></html>")), 17_000)  # 51,000 elements and more
    assert growth.below_quadratic, growth
    assert all(res.error.startswith("too many HTML elements") for res in found.values())


def test_deep_page_keeps_the_text_above_the_depth_bound():
    lead = "<p>The port handled 4.1 million containers in 2023, up 12% on the year before, its authority said.</p>"
    res = H.extract_html("<html><body><article>" + lead * 4 + "<div>" * 400 + "<p>Lost 3.5%.</p>"
                         + "</div>" * 400 + "</article></body></html>")
    assert not res.error
    assert "4.1 million containers" in res.text and "Lost" not in res.text
    assert ("note", "HTML nested too deeply, text may be cut") in res.meta


def test_many_angle_brackets_in_a_script_are_not_elements(monkeypatch):
    monkeypatch.setattr(H, "MAX_ELEMENTS", 1_000)
    para = "<p>Exports rose 12% to 5.1 billion dollars in the first quarter, the statistics office said.</p>"
    res = H.extract_html("<html><head><script>" + "if (a<b) x();" * 2_000 + "</script></head><body><article>"
                         + para * 5 + "</article></body></html>")
    assert not res.error and "5.1 billion dollars" in res.text


def _spin(*args, **kwargs):
    while True:
        pass


def test_time_limit_interrupts_slow_work():
    with pytest.raises(H.ExtractionTimeout):
        with H.TimeLimit(0.01):
            _spin()


def test_timeout_becomes_error(monkeypatch):
    monkeypatch.setattr(H, "TIMEOUT", 0.01)
    monkeypatch.setattr(H, "_extract", _spin)
    error = H.extract_html("<html><body><p>x</p></body></html>").error
    assert error == "HTML extraction timed out (over the per-page bound of 0.01 s)"


def test_timeout_works_off_the_main_thread(monkeypatch):
    """The bound holds in a worker thread, as in a Dask task or a thread pool."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(H, "TIMEOUT", 0.01)
    monkeypatch.setattr(H, "_extract", _spin)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(H.extract_html, ["<html><body><p>x</p></body></html>"] * 2))
    assert [r.error.startswith("HTML extraction timed out") for r in results] == [True, True]


def test_a_swallowed_interruption_still_makes_the_page_an_error(monkeypatch):
    def swallow(*args, **kwargs):
        try:
            _spin()
        except BaseException:  # extractor code that catches everything
            return None

    monkeypatch.setattr(H, "TIMEOUT", 0.01)
    monkeypatch.setattr(H, "_extract", swallow)
    assert H.extract_html("<html><body><p>x</p></body></html>").error.startswith("HTML extraction timed out")


def test_no_interruption_outlives_its_block(monkeypatch):
    monkeypatch.setattr(H, "REPEAT", 0.0001)  # the watchdog fires again and again while the block ends
    with H.TimeLimit(0.01) as watch:
        try:
            _spin()
        except H.ExtractionTimeout:
            pass
    total = sum(range(100_000))  # plenty of instructions at which a pending interruption would land
    assert total == 4_999_950_000 and watch.expired and not watch.armed


def test_a_page_in_time_is_not_interrupted(article):
    with H.TimeLimit(60.0) as watch:
        pass
    assert not watch.expired and not watch.armed
    assert article.text


class _Doc:
    def __init__(self, text):
        self.text = text


@pytest.mark.parametrize(
    "precise,balanced,chosen",
    [("short", "long article text " * 20, "balanced"), ("kept text " * 10, "long article text " * 20, "precise"),
     (None, "long article text " * 20, "balanced")],
)
def test_precise_extraction_falls_back_only_when_it_loses_the_article(monkeypatch, precise, balanced, chosen):
    import trafilatura
    from lxml import html as lxml_html

    calls = []

    def fake(tree, url=None, **opts):
        assert "with_metadata" not in opts  # the metadata is read once, before the extractions
        calls.append((opts["favor_precision"], tree))
        text = precise if opts["favor_precision"] else balanced
        return None if text is None else _Doc(text)

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    first, second = lxml_html.fromstring("<p>x</p>"), lxml_html.fromstring("<p>x</p>")
    _meta, doc = H._extract(first, "", {"favor_precision": True}, again=lambda: second)
    assert calls == [(True, first), (False, second)]  # the balanced run reads a fresh tree, not a copy
    assert doc.text == (precise if chosen == "precise" else balanced)


def test_an_article_length_precise_extraction_is_not_compared(monkeypatch):
    import trafilatura
    from lxml import html as lxml_html

    calls = []

    def fake(tree, url=None, **opts):
        calls.append(opts["favor_precision"])
        return _Doc("x" * H.ARTICLE_CHARS)

    def again():
        raise AssertionError("the page is not parsed again")

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    H._extract(lxml_html.fromstring("<p>x</p>"), "", {"favor_precision": True}, again=again)
    assert calls == [True]


@pytest.mark.parametrize("markup", [
    "ARTICLE",
    """<html><head><title>Rates held - The Ledger</title><meta property="og:site_name" content="ledger">
    <link rel="canonical" href="https://www.ledger.example/markets/rates"></head><body><article>
    <h1>Rates held</h1><p class="byline">By <span class="author">Ana Ruiz and Tom Bell</span></p>
    <time datetime="2023-05-04T09:00:00Z">4 May 2023</time><p>The bank held its rate at 5.25%.</p>
    </article></body></html>""",
    """<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Sales up 4%",
    "author": {"@type": "Person", "name": "Jo Kim"}, "datePublished": "2024-01-09"}</script></head>
    <body><p>Sales rose 4% to $12m.</p></body></html>""",
])
def test_metadata_is_trafilaturas_for_every_field_read(shared_datadir, markup):
    """The narrowed metadata (no categories, tags or licence) gives the fields a result reads exactly as
    trafilatura's own extract_metadata does on the same page."""
    from trafilatura.metadata import extract_metadata

    if markup == "ARTICLE":
        markup = (shared_datadir / "ingest" / "article.html").read_text(encoding="utf-8")
    ours = H._metadata(H._parse(markup), "", H.SETTINGS)
    theirs = extract_metadata(H._parse(markup), None, H.SETTINGS["date_extraction_params"])
    fields = ("title", "author", "url", "hostname", "sitename")
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    # the same day; ours adds the time of day the markup states for it (release_time)
    assert ours.date == H.release_time(H._parse(markup), theirs.date)
    assert ours.author and ours.date  # fields the page gives are compared, not only empties


# ------------------------------------------------------------------------------- pages extractors misread


def _case(shared_datadir: Path, name: str) -> H.HtmlResult:
    return H.extract_html((shared_datadir / "ingest" / "html_cases" / name).read_text(encoding="utf-8"))


def test_list_directly_in_body_is_kept_after_its_paragraph(shared_datadir):
    blocks = _case(shared_datadir, "body_list.html").blocks
    at = next(i for i, b in enumerate(blocks) if b.startswith("The harbour authority published"))
    assert blocks[at + 1].split("\n") == ["Container traffic rose 12% to 4.1 million boxes.",
                                          "Cruise calls fell to 212 from 240 a year earlier.",
                                          "The authority hired 85 new pilots and tug crew."]
    assert blocks[at + 2].startswith("The authority said it expects traffic")


def test_layout_table_cells_are_separate_blocks_without_the_navigation_cell(shared_datadir):
    result = _case(shared_datadir, "layout_table.html")
    assert "202345" not in result.text
    assert "The farmers' union said the closures would continue until the end of 2023" in result.blocks
    assert any(b.startswith("45 farms closed") for b in result.blocks)
    assert not any("Home" in b or "Contact" in b for b in result.blocks)


def test_article_inside_aside_is_recovered_and_the_banner_is_not_the_document(shared_datadir):
    result = _case(shared_datadir, "aside_article.html")
    assert any(b.startswith("A new ferry line to the outer islands") for b in result.blocks)
    assert "120,000 passengers" in result.text
    assert "cookies" not in result.text


def test_a_consent_notice_alone_is_no_article(shared_datadir):
    result = _case(shared_datadir, "consent_only.html")
    assert result.text == "" and not result.error


def test_text_the_extractor_left_out_is_listed_in_page_order(article):
    assert article.left_out == ("Home", "Economy", "Sport", "By Lin Wei, May 2, 2023", "Most read",
                                "Rain expected all week", "New museum opens downtown",
                                "Copyright 2023 Example Daily. All rights reserved.", "Privacy | Terms")
    kept = " " + " ".join(article.text.split()) + " "
    assert all(f" {b} " not in kept for b in article.left_out)
    assert article.title not in article.left_out


def test_page_blocks_skip_scripts_styles_and_comments_but_keep_their_tails() -> None:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring("<html><head><title>T</title></head><body><div>Port <script>var x = 1;</script>"
                                "news<!-- note --> today<p>Cargo <b>rose</b>\n  4%</p>after<style>p {}</style>"
                                "</div><nav><a>Home</a> <a>World</a></nav></body></html>")
    assert H.page_blocks(tree) == ["Port news today", "Cargo rose 4%", "after", "Home World"]
    assert H.left_out(["Home World", "Cargo rose 4%", "rose"], ["Cargo rose 4% in May"], "Home World") == ()
    assert H.left_out(["Home", "Cargo"], ["Homeland Cargo"]) == ("Home",)


def _blocks_by_walk(body) -> list[str]:
    """The page's blocks read the plain way: a walk over every element, text flushed at each block's edges."""
    out, parts = [], []

    def flush():
        text = " ".join("".join(parts).split())
        if text:
            out.append(text)
        parts.clear()

    def walk(el, top=False):
        if isinstance(el.tag, str) and el.tag in H.HIDDEN_TAGS:
            pass
        elif isinstance(el.tag, str):
            if el.tag in H.PAGE_BLOCK_TAGS:
                flush()
            parts.append(el.text or "")
            for child in el:
                walk(child)
            if el.tag in H.PAGE_BLOCK_TAGS:
                flush()
        if not top:
            parts.append(el.tail or "")

    walk(body, top=True)
    flush()
    return out


_PAGE_TAGS = ["div", "p", "span", "b", "li", "ul", "td", "br", "script", "style", "svg", "nav", "h2", "a", "noscript"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PAGE_TAGS), st.sampled_from(["", "Cargo", " rose 4% ", "\n", "x y"]),
                          st.integers(0, 3)), max_size=25))
def test_page_blocks_are_the_text_between_block_edges(items):
    from lxml import html as lxml_html

    markup, open_tags = [], []
    for tag, text, close in items:
        markup.append(f"<{tag}>{text}")
        open_tags.append(tag)
        for _ in range(min(close, len(open_tags))):
            markup.append(f"</{open_tags.pop()}>{text}")
    tree = lxml_html.fromstring(f"<html><body>{''.join(markup)}<!-- c -->tail</body></html>")
    assert H.page_blocks(tree) == _blocks_by_walk(tree.find(".//body"))


def test_page_blocks_of_a_page_as_deep_as_the_parser_goes_and_in_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    depth = (H.MAX_DEPTH - 4) // 2
    tree = H._parse("<html><body>" + "<div><span>" * depth + "deep" + "</span>up</div>" * depth + "</body></html>")
    assert H.page_blocks(tree) == ["deepup", *["up"] * (depth - 1)] == _blocks_by_walk(tree.find(".//body"))
    pages = [H._parse(f"<html><body><p>Cargo {i}</p><div>rose<script>x</script> {i}%</div></body></html>")
             for i in range(40)]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(H.page_blocks, pages)) == [[f"Cargo {i}", f"rose {i}%"] for i in range(40)]


def test_clutter_rows_list_the_left_out_text_after_the_dropped_blocks(article):
    from pipeline.clean.page import clean, load_clean_config
    from pipeline.outputs.contract import CLUTTER_COLUMNS, EXTRACTOR_RULE, clutter_rows
    from pipeline.types import DocResult, RawDoc

    doc = RawDoc(doc_id="d", source="a.html", text=article.text, format="html", title=article.title,
                 extracted=True, left_out=article.left_out)
    rows = list(clutter_rows(DocResult(doc=doc, status="ok", article=clean(doc, load_clean_config()))))
    listed = [r for r in rows if r["rule"] == EXTRACTOR_RULE]
    assert [r["preview"] for r in listed] == list(article.left_out)
    assert all(set(r) == set(CLUTTER_COLUMNS) and r["start"] == r["end"] == "" for r in listed)
    assert rows[-len(listed):] == listed
    from pipeline.outputs.contract import document_row

    result = DocResult(doc=doc, status="ok", article=clean(doc, load_clean_config()))
    assert document_row(result)["dropped_blocks"] == len(rows)  # documents.csv counts every clutter.csv row


def test_left_out_blocks_are_those_not_found_as_whole_words_in_the_kept_text():
    """The indexed look-up answers as a search for `` block `` in the kept text would, on random pages."""
    import random

    rng = random.Random(7)
    vocab = ["rose", "4%", "Home", "the", "in", "May", "Sport", "cargo"]
    for _ in range(200):
        kept = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(0, 4))]
        page = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))]
        inside = " " + " ".join(" ".join(kept).split()) + " "
        assert H.left_out(page, kept, "the") == tuple(b for b in page if b != "the" and f" {b} " not in inside)


# --- author search -------------------------------------------------------------------------------------------

def _tree(body: str):
    return H._parse(f"<html><head><title>t</title></head><body>{body}<p>Some article text here.</p></body></html>")


@pytest.mark.parametrize("body, author", [
    ('<span class="author-name">Ana Ruiz</span>', "Ana Ruiz"),
    ('<a rel="author" href="/a">Ana Ruiz</a>', "Ana Ruiz"),
    ('<div class="byline">By Tom Hale</div>', "Tom Hale"),
    ('<h4 id="zuozhe_box">Li Ming</h4>', "Li Ming"),
    ('<section data-component="ArticleByline">Sara Kim</section>', "Sara Kim"),
    # the specific search wins over a generic one earlier in the page
    ('<em class="writer">Ben Ode</em><p class="authorName">Ana Ruiz</p>', "Ana Ruiz"),
    # too short, then long enough
    ('<span class="author">Al</span><div class="byline">Tom Hale</div>', "Tom Hale"),
    # inside a comment section, a sidebar or a figure: not the article's author
    ('<div class="comments"><span class="author">Reader Name</span></div>', None),
    ('<aside><div class="sidebar-box"><p class="author">Ed Itor</p></div></aside>', None),
    ('<figure><figcaption class="byline">Photo Agency</figcaption></figure>', None),
    # what the search leaves out is cut from the byline's text, the tail after it kept
    ('<div class="byline">By <time>May 2</time> Tom <span class="print">Print</span>Hale</div>', "Tom Hale"),
    # an element with a <rel> child reading 'me' is a byline too (the extractor's own search reads it)
    ('<span>x<rel>me</rel></span><span class="author">Ana Ruiz</span>', "X Me"),
])
def test_page_author_as_the_extractor_finds_it(body, author):
    from trafilatura.metadata import extract_author

    tree = _tree(body)
    assert H.page_author(tree) == extract_author(tree) == author


_TAGS = ["a", "address", "div", "link", "p", "span", "strong", "h3", "h4", "section", "time", "figure", "author",
         "em", "li"]
_CLASSES = ["", "author", "author-name", "AuthorName", "authorName", "byline", "username", "byl", "BBL", "writer",
            "post-author", "channel-name", "comments", "Comments-box", "xcomments", "commentlist", "sidebar",
            "is-hidden", "quote", "article-share", "print", "category", "meta-date", "title", "date", "screenname",
            "Byline", "posted-by", "journalist-name", "bianji"]
_IDS = ["", "author", "Author-box", "comments", "comment-list", "my-comments", "ProductReviews", "xiaobian"]
_ATTRS = ["", ' rel="author"', ' itemprop="author"', ' itemprop="author name"', ' data-testid="AuthorCard"',
          ' data-component="Byline"', ' data-component="Figure"']
_WORDS = ["", "Ana", "Ruiz", "By Tom Hale", "x", "Staff writer and editor", "http://a.example", "Li Ming  ",
          "A" * 130]


_ELEMENTS = st.tuples(*(st.sampled_from(x) for x in (_TAGS, _CLASSES, _IDS, _ATTRS, _WORDS, _WORDS)),
                      st.integers(0, 2))


@settings(max_examples=100, deadline=None)
@given(st.lists(_ELEMENTS, max_size=30))
def test_page_author_equals_the_extractor_search_on_made_up_markup(elements):
    from trafilatura.metadata import extract_author

    markup, open_tags = [], []
    for tag, cls, ident, attr, text, tail, close in elements:  # each element opened, then up to 2 closed
        cls = f' class="{cls}"' if cls else ""
        ident = f' id="{ident}"' if ident else ""
        markup.append(f"<{tag}{cls}{ident}{attr}>{text}")
        open_tags.append(tag)
        for _ in range(min(close, len(open_tags))):
            markup.append(f"</{open_tags.pop()}>{tail}")
    tree = _tree("".join(markup))
    assert H.page_author(tree) == extract_author(tree)


@pytest.mark.parametrize("title, site, host, want", [
    ("Harbour cargo rises 12% in May - Harbour Post", "Harbour Post", "", "Harbour cargo rises 12% in May"),
    ("Harbour cargo rises 12% in May - Harbour Post", "港口邮报", "www.harbourpost.com", "Harbour cargo rises 12% in May"),
    ("Harbour cargo rises 12% in May | The Quay Times | by Jo Lee", "The Quay Times", "", "Harbour cargo rises 12% in May"),
    ("Harbour cargo rises 12% in May * Quay Times * by Ann de la Rosa", "Quay Times", "", "Harbour cargo rises 12% in May"),
    ("Cargo: why the harbour pays more - and who gains", "Harbour Post", "harbourpost.com",
     "Cargo: why the harbour pays more - and who gains"),
    ("Opinion | Harbour Post", "Harbour Post", "", "Opinion | Harbour Post"),
    ("Harbour Post", "Harbour Post", "", "Harbour Post"),
])
def test_title_headline_cuts_site_names_and_bylines_after_it(title, site, host, want):
    assert H.title_headline(title, site, host) == want


@pytest.mark.parametrize("title, h1, want", [
    ("How to Save Money on Groceries - Your Money Today - Your Life - MSN Lifestyle",
     "How to Save Money on Groceries", "How to Save Money on Groceries"),
    ("Harbour cargo rises 12% in May | Ports | Quay Daily", "Harbour cargo rises 12% in May",
     "Harbour cargo rises 12% in May"),
    ("HARBOUR CARGO RISES 12% IN MAY :: Quay Daily", "Harbour cargo rises 12% in May", "Harbour cargo rises 12% in May"),
    # the heading is no opening part of the title, is too short, or the title has no separator
    ("Quay Daily | Harbour cargo rises 12% in May", "Harbour cargo rises 12% in May",
     "Quay Daily | Harbour cargo rises 12% in May"),
    ("News - Harbour cargo rises 12% in May", "News", "News - Harbour cargo rises 12% in May"),
    ("Harbour cargo rises 12% in May", "Harbour cargo rises", "Harbour cargo rises 12% in May"),
    ("Harbour cargo rises 12% in Maynooth - Quay Daily", "Harbour cargo rises 12% in May",
     "Harbour cargo rises 12% in Maynooth - Quay Daily"),
])
def test_a_title_opening_with_the_pages_heading_gives_the_heading(title, h1, want):
    tree = H._parse(f"<html><head><title>{title}</title></head><body><h1>{h1}</h1><p>Text.</p></body></html>")
    assert H.heading_headline(title, tree) == want


@pytest.mark.parametrize("meta_author, want", [
    ("quaydaily.fr", "Ann Lee"),  # the site named as the author: the page's byline gives the person
    ("Quay Daily", "Ann Lee"),
    ("Jo Park", "Jo Park"),
])
def test_an_author_field_naming_the_site_gives_way_to_the_byline(meta_author, want):
    page = (f'<html><head><title>Harbour cargo rises 12% in May</title><meta name="author" content="{meta_author}">'
            '<meta property="og:site_name" content="Quay Daily"></head><body><article>'
            '<p class="byline">By <span itemprop="author"><a itemprop="name" href="/ann">Ann Lee</a></span></p>'
            + "".join(f"<p>The harbour board said cargo rose 12% in May, paragraph {k} of the report on the quay.</p>"
                      for k in range(8)) + "</article></body></html>")
    assert dict(H.extract_html(page, "https://www.quaydaily.fr/cargo").meta).get("author") == want


def test_metadata_title_leaves_out_the_site_name():
    page = ("<html><head><title>Harbour cargo rises 12% in May - Harbour Post</title>"
            '<meta property="og:site_name" content="Harbour Post"></head><body><article>'
            + "".join(f"<p>The harbour board said cargo rose 12% in May, paragraph {k} of the report on the quay.</p>"
                      for k in range(8)) + "</article></body></html>")
    assert H.extract_html(page, "https://www.harbourpost.com/cargo").title == "Harbour cargo rises 12% in May"


@pytest.mark.parametrize("page_prose, balanced", [(6000, True), (1000, False)])
def test_a_precise_extraction_cut_short_of_the_page_prose_gives_way(monkeypatch, page_prose, balanced):
    import trafilatura
    from types import SimpleNamespace

    def bare(tree, url=None, **opts):
        return SimpleNamespace(text="p" * (800 if opts.get("favor_precision") else 6000))

    monkeypatch.setattr(trafilatura, "bare_extraction", bare)
    page = "<html><head><title>Harbour cargo rises</title></head><body><p>Cargo rose 12% in May.</p></body></html>"
    _, doc = H._extract(H._parse(page), "", dict(H.SETTINGS),
                        again=lambda: H._parse(page), page_prose=page_prose)
    assert len(doc.text) == (6000 if balanced else 800)


def test_prose_chars_counts_only_long_blocks():
    assert H.prose_chars(["Home", "Sport", "x" * 250, "y" * 199, "z" * 300]) == 550


@pytest.mark.parametrize(("head", "day", "expected"), [
    ('<meta property="article:published_time" content="2024-05-22T21:05:00Z">', "2024-05-22", "2024-05-22T21:05:00Z"),
    ('<meta itemprop="datePublished" content="2024-05-22 09:30:00+02:00">', "2024-05-22", "2024-05-22 09:30:00+02:00"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-22T07:00:00-04:00"}'
     '</script>', "2024-05-22", "2024-05-22T07:00:00-04:00"),
    # a day alone, a time stated for another day, no date found: the day as the date finder gave it
    ('<meta property="article:published_time" content="2024-05-22">', "2024-05-22", "2024-05-22"),
    ('<meta property="article:modified_time" content="2024-05-23T10:00:00Z">'
     '<meta property="article:published_time" content="2024-05-21T10:00:00Z">', "2024-05-22", "2024-05-22"),
    ('<meta property="article:published_time" content="2024-05-22T21:05:00Z">', "", ""),
])
def test_release_time_adds_the_time_the_markup_gives_for_the_day(head, day, expected):
    import lxml.html

    from pipeline.ingest.html import release_time
    tree = lxml.html.fromstring(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert release_time(tree, day) == expected
