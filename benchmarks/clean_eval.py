"""Evaluate the clean stage on synthetic scraped pages built from real news (Reuters-21578, BBC News).

Pages are built at run time from ../shared/corpora (research-only licence: nothing is written to disk):
a main article (title, optional release-time line, body paragraphs) plus clutter of one shape (see SHAPES):
seed-like teasers after the body (title twice with ' | tag' suffixes, body cut mid-sentence), single-title
teasers (some with a date line), teasers ending in '...' / 'Read more' / a 'Read more' line, untitled
teasers, tagged and dated teasers, 'Top stories' lists and unlabelled headline lists before the article,
navigation and breadcrumb lines, share bars, bylines and editor/source lines, copyright footers, cookie
notices, comment counters, related-links lists, in-body ads and newsletter prompts, no clutter at all, a
mix of them (also with single-newline paragraphs), further styles (captions, photo credits, in-body
'Read also:' links, relative time stamps, toolbars, tag lines, paywall prompts) and hard-wrapped bodies.
Teaser bodies are real text of other stories cut off mid-sentence. NEW_SHAPES are clutter styles the rules
were not first written against: readers' comment threads (user names, relative times, Reply/Like lines,
comment text of whole sentences), author bio boxes after the body, live-blog time stamps, photo galleries
('1 of 12', caption, credit), ad breaks inside the body ('Story continues below'), topic chips, newsletter
boxes, pagination, Updated/First published/Last modified lines, teaser lists without blank lines (blurbs
cut off or whole sentences), social embed remnants, video player text, tables of contents, page chrome in
other languages, text as an HTML extractor gives it (RawDoc.extracted, single newlines), and a mix. The
gold main body is known by construction. Scores, per shape and overall:

- token precision / recall / F1 (bag of words, as the Zyte article-extraction benchmark) of
  ``Article.text`` against the gold body, averaged over pages;
- clutter blocks leaked (any of their characters inside a kept heading/paragraph), teaser blocks leaked;
- body paragraphs dropped (not inside a kept heading/paragraph);
- title and published accuracy.

    python benchmarks/clean_eval.py [--set old|new|all] [--shapes ...] [--pages N] [--seed S] [--corpora DIR]
                                    [--show-failures K]

``--set old`` builds the same pages for a seed as before NEW_SHAPES were added.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import re
import sys
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean.page import clean, explain, load_clean_config  # noqa: E402
from pipeline.types import RawDoc  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
_TOKEN = re.compile(r"\w+")
_TERMINAL = tuple(".!?\"'”’)")


# ------------------------------------------------------------------------------------------- corpora


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]


def _reuters(root: Path) -> list[Story]:
    stories = []
    for path in sorted((root / "reuters21578" / "raw").glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for m in re.finditer(r"<TITLE>(.*?)</TITLE>.*?<BODY>(.*?)</BODY>", raw, re.S):
            title = html.unescape(m.group(1)).strip()
            body = html.unescape(m.group(2)).replace("\x03", "")
            paras, cur = [], []
            for line in body.split("\n"):
                if line.startswith((" ", "\t")) and cur:
                    paras.append(" ".join(cur))
                    cur = []
                if line.strip():
                    cur.append(line.strip())
            if cur:
                paras.append(" ".join(cur))
            paras = [re.sub(r"\s*\bReuter\b[\W^M]*$", "", p, flags=re.I).strip() for p in paras]
            paras = [p for p in paras if p and p.lower() not in ("reuter", "reuters")]
            words = sum(len(p.split()) for p in paras)
            ended = sum(p.endswith(_TERMINAL) for p in paras)
            if len(paras) >= 3 and words >= 120 and ended >= 0.8 * len(paras):
                stories.append(Story(" ".join(title.split()).title(), tuple(paras)))
    return stories


def _bbc(root: Path) -> list[Story]:
    stories = []
    for path in sorted((root / "bbc_fulltext" / "raw").glob("*/*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        lines = [ln.strip() for ln in text.split("\n")]
        title = lines[0]
        paras = [ln for ln in lines[1:] if ln]
        if title and len(paras) >= 3:
            stories.append(Story(title, tuple(paras)))
    return stories


# ------------------------------------------------------------------------------------------- page parts


@dataclass
class Page:
    shape: str
    parts: list[tuple[str, str]] = field(default_factory=list)  # (role, text); role: title/meta/body/clutter/teaser
    title: str = ""
    published: str = ""
    sep: str = "\n\n"
    extracted: bool = False  # text as an HTML extractor gives it (RawDoc.extracted, title from metadata)

    def add(self, role: str, text: str) -> None:
        self.parts.append((role, text))

    def render(self) -> tuple[str, list[tuple[str, int, int]]]:
        return join_parts(self.parts, self.sep)


def join_parts(parts: list[tuple[str, str]], sep: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The page text of (role, text) parts, ``sep`` between two parts (one newline before a ``_join`` part: a
    line of the same block), and each part's (role, start, end) in it."""
    out, spans, pos = [], [], 0
    for i, (role, text) in enumerate(parts):
        if i:
            gap = "\n" if role == "_join" else sep
            out.append(gap)
            pos += len(gap)
        out.append(text)
        spans.append((role, pos, pos + len(text)))
        pos += len(text)
    return "".join(out), spans


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


def _date_line(rng: random.Random, labelled: bool = True) -> tuple[str, str]:
    d = datetime(2004, 1, 1) + timedelta(minutes=rng.randrange(0, 20 * 365 * 24 * 60))
    hh = d.hour % 12 or 12
    ampm = "AM" if d.hour < 12 else "PM"
    forms = [
        (f"{MONTHS[d.month - 1]} {d.day}, {d.year} {d.hour:02d}:{d.minute:02d} {ampm}", True),
        (f"{FULL_MONTHS[d.month - 1]} {d.day}, {d.year} {hh}:{d.minute:02d} {ampm.lower()}", True),
        (f"{d.day} {FULL_MONTHS[d.month - 1]} {d.year}", False),
        (f"{d:%Y-%m-%d %H:%M}", True),
        (f"{d:%A} {d.day} {MONTHS[d.month - 1]} {d.year} {d.hour:02d}.{d.minute:02d} BST", True),
        (f"{d:%Y-%m-%dT%H:%M:%S}", True),
        (f"{d.day:02d}/{d.month:02d}/{d.year} {d.hour:02d}:{d.minute:02d}", True),
    ]
    text, timed = rng.choice(forms)
    iso = f"{d:%Y-%m-%dT%H:%M:00}" if timed else f"{d:%Y-%m-%d}"
    if labelled:
        label = rng.choice(["Release time:", "Published:", "Posted on", "Updated:", "Published on", "Date:"])
        text = f"{label} {text}" if not label.endswith(":") or rng.random() < 0.7 else f"{label}{text}"
    return text, iso


def _cut(story: Story, rng: random.Random, lo: int = 20, hi: int = 90) -> str:
    words = " ".join(story.paragraphs[:3]).split()
    n = min(len(words), rng.randint(lo, hi))
    while n > 5 and words[n - 1].endswith((".", "!", "?", '"', ":", ";", ")")):
        n -= 1
    return " ".join(words[:n]).rstrip(",;")


def _tags(rng: random.Random, story: Story) -> list[str]:
    words = [w.strip(".,;:'\"()") for w in " ".join(story.paragraphs).split()]
    words = [w for w in words if len(w) > 3 and w.isalpha()] or ["News"]
    return rng.sample(words, k=min(len(words), rng.randint(1, 3)))


SITE = ["Example Daily", "City News", "The Morning Post", "Global Wire", "Metro Times"]


def _clutter(kind: str, rng: random.Random, others: list[Story]) -> list[tuple[str, str]]:
    """Clutter blocks of one kind: (role, text) pairs."""
    site = rng.choice(SITE)
    if kind == "nav":
        menu = rng.sample(["Home", "News", "World", "Business", "Markets", "Tech", "Sport", "Culture", "Opinion",
                           "Video", "Travel", "Science", "Health", "Politics", "Economy"], k=rng.randint(4, 9))
        style = rng.randrange(4)
        if style == 0:
            return [("clutter", " | ".join(menu))]
        if style == 1:
            return [("clutter", m) for m in menu]
        if style == 2:
            return [("clutter", " ".join(menu))]
        return [("clutter", " • ".join(menu))]
    if kind == "breadcrumb":
        sep = rng.choice([" > ", " / ", " » ", " › "])
        return [("clutter", sep.join(["Home"] + rng.sample(["News", "Business", "World", "Markets", "Asia", "Companies"], 2)))]
    if kind == "share":
        return [("clutter", rng.choice([
            "Share this article", "Share: Facebook Twitter Email", "Facebook Twitter LinkedIn WhatsApp Email",
            "Share on WeChat | Weibo | Print", "SHARE", "Share this story", "Copy link"]))]
    if kind == "editor":
        lines = [rng.choice(["Editor: Li Ming", "Source: Xinhua", "(Editor: Wang Fang)", "Reporter: Zhang Wei",
                             "Responsible editor: Chen Jing", "Source: Jiefang Daily | Editor: Liu Yang",
                             "(Reporting by Jane Doe; Editing by John Roe)", "Photo: Reuters"])]
        return [("meta", x) for x in lines]
    if kind == "byline":
        return [("meta", rng.choice(["By Jane Doe", "By John Roe and Mary Major, Global Wire", "By LI WEI | City News"]))]
    if kind == "copyright":
        return [("clutter", rng.choice([f"© {rng.randint(2004, 2024)} {site}. All rights reserved.",
                                        f"Copyright {rng.randint(2004, 2024)} {site}",
                                        f"Copyright © 1996-2024 {site}. Reproduction without permission is prohibited.",
                                        "All rights reserved."]))]
    if kind == "cookie":
        return [("clutter", rng.choice([
            "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.",
            "This website uses cookies to ensure you get the best experience. Accept all cookies | Cookie settings",
            "By using this site you consent to the use of cookies. Learn more in our cookie policy.",
        ]))]
    if kind == "comments":
        return [("clutter", rng.choice([f"{rng.randint(2, 900)} comments", f"Comments ({rng.randint(1, 99)})",
                                        "Leave a comment", "Be the first to comment", "View comments"]))]
    if kind == "ad":
        return [("clutter", rng.choice(["Advertisement", "ADVERTISEMENT", "Sponsored content", "Advert"]))]
    if kind == "newsletter":
        return [("clutter", rng.choice([
            "Sign up for our daily newsletter to get the latest news in your inbox.",
            "Download the app for breaking news alerts", "Follow us on Twitter for the latest updates",
            "Subscribe now", "Click here to read the full story"]))]
    if kind in ("top_stories", "related"):
        label = rng.choice(["Top stories", "Most read", "Latest news", "Trending now"] if kind == "top_stories" else
                           ["Related stories", "Related articles", "You may also like", "More from Business",
                            "Read more:", "Recommended"])
        out = [("clutter", label)] if rng.random() < 0.8 else []
        for s in rng.sample(others, k=rng.randint(2, 6)):
            out.append(("teaser", s.title))
            if rng.random() < 0.3:
                out.append(("teaser", _date_line(rng, labelled=False)[0]))
        return out
    if kind == "caption":
        return [("clutter", rng.choice(["Photo: Reuters", "(Photo by Jane Doe/Example Images)", "Image caption",
                                        "Pictured: the harbour at dawn", "Photo/Xinhua", "Getty Images"]))]
    if kind == "caption_credit":
        s = rng.choice(others)
        return [("clutter", _cut(s, rng, 8, 25) + rng.choice([". [Photo/Xinhua]", ". (Photo: Jane Doe)",
                                                              ". [Photo provided to China Daily]"]))]
    if kind == "paywall":
        return [("clutter", rng.choice(["You must be logged in to post a comment.",
                                        "Subscribe to continue reading. Already a subscriber? Log in",
                                        "Create a free account to read more stories like this."]))]
    if kind == "inline_related":
        s = rng.choice(others)
        return [("clutter", rng.choice(["Read also: ", "ALSO READ: ", "RELATED: ", "See also: ", "Read more: "])
                 + s.title)]
    if kind == "timestamp":
        return [("clutter", rng.choice([f"{rng.randint(2, 23)} hours ago", f"Updated {rng.randint(2, 59)} minutes ago",
                                        "Yesterday", "Just now"]))]
    if kind == "toolbar":
        return [("clutter", rng.choice(["Print | Email | Font size A A A", "Text size: A A A", "Save article",
                                        "Listen to article", "Page 1 of 3", "1 2 3 Next »"]))]
    if kind == "tags":
        return [("clutter", rng.choice(["Tags: ", "Topics: ", "Keywords: "]) + ", ".join(_tags(rng, rng.choice(others))))]
    if kind == "newsletter_box":
        return [("clutter", "Newsletter"), ("clutter", "Get the morning briefing delivered to your inbox."),
                ("clutter", rng.choice(["Sign up", "Subscribe"]))]
    if kind == "helpful":
        return [("clutter", rng.choice(["Was this article helpful? Yes No", "Rate this article", "Report an error"]))]
    if kind == "headlines":  # unlabelled headline list
        return [("teaser", s.title) for s in rng.sample(others, k=rng.randint(3, 6))]
    raise ValueError(kind)


def _teasers(style: str, rng: random.Random, others: list[Story]) -> list[tuple[str, str]]:
    out = []
    for s in rng.sample(others, k=rng.randint(2, 5)):
        body = _cut(s, rng)
        if style == "seed_like":
            t = s.title + "".join(f" | {x}" for x in _tags(rng, s))
            out += [("teaser", t), ("_join", t), ("teaser", body)]
            continue
        if style == "single_title":
            out.append(("teaser", s.title))
            if rng.random() < 0.4:
                out.append(("teaser", _date_line(rng, labelled=False)[0]))
            out.append(("teaser", body))
        elif style == "ellipsis":
            out.append(("teaser", s.title))
            end = rng.choice(["...", "…", "... Read more", " Read more", "... [+]", "…more»"])
            if rng.random() < 0.3:
                out.append(("teaser", s.paragraphs[0]))
                out.append(("teaser", rng.choice(["Read more", "Continue reading", "Full story >>"])))
            else:
                out.append(("teaser", body + end))
        elif style == "untitled":
            out.append(("teaser", body))
        elif style == "tagged_dated":
            out.append(("teaser", s.title + "".join(f" | {x}" for x in _tags(rng, s))))
            out.append(("teaser", _date_line(rng, labelled=rng.random() < 0.5)[0]))
            out.append(("teaser", body))
    return out


SHAPES = ["seed_like", "single_title", "ellipsis", "untitled", "tagged_dated", "top_stories", "headlines",
          "nav_breadcrumb", "share", "editor_source", "copyright", "cookie", "comments", "related", "ads_inline",
          "no_clutter", "mixed", "single_newline", "unlisted", "hard_wrapped"]


def build_page(shape: str, story: Story, others: list[Story], rng: random.Random) -> Page:
    page = Page(shape)
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    top_meta: list[tuple[str, str]] = []
    inline: list[tuple[str, str]] = []
    title = story.title
    tagged = ""
    if shape in ("seed_like", "tagged_dated") or rng.random() < 0.2:
        tagged = title + "".join(f" | {x}" for x in _tags(rng, story))
    if rng.random() < 0.75:
        line, iso = _date_line(rng, labelled=rng.random() < 0.8)
        top_meta.append(("meta", line))
        page.published = iso
    kinds = {
        "top_stories": (["top_stories"], []), "headlines": (["headlines"], []),
        "nav_breadcrumb": (["nav", "breadcrumb"], []), "share": ([], ["share"]),
        "editor_source": ([], ["editor"]), "copyright": ([], ["copyright"]), "cookie": (["cookie"], ["cookie"]),
        "comments": ([], ["comments"]), "related": ([], ["related"]),
    }
    if shape in kinds:
        pre, post = kinds[shape]
        for k in pre:
            before += _clutter(k, rng, others)
        for k in post:
            after += _clutter(k, rng, others)
        if shape == "share":
            top_meta += _clutter("share", rng, others)
        if shape == "editor_source":
            top_meta.insert(0, _clutter("byline", rng, others)[0])
    elif shape in ("seed_like", "single_title", "ellipsis", "untitled", "tagged_dated"):
        after += _teasers(shape, rng, others)
    elif shape == "unlisted":
        inline = sum((_clutter(k, rng, others) for k in rng.sample(["caption", "inline_related", "ad", "caption_credit"],
                                                                      k=2)), [])
        top_meta += _clutter("timestamp", rng, others) if rng.random() < 0.5 else _clutter("toolbar", rng, others)
        for k in rng.sample(["tags", "newsletter_box", "helpful", "toolbar", "caption", "paywall"], k=rng.randint(1, 3)):
            after += _clutter(k, rng, others)
    elif shape == "ads_inline":
        inline = _clutter("ad", rng, others) + _clutter("newsletter", rng, others)
    elif shape in ("mixed", "single_newline"):
        pool = ["nav", "breadcrumb", "top_stories", "cookie", "headlines"]
        for k in rng.sample(pool, k=rng.randint(1, 2)):
            before += _clutter(k, rng, others)
        top_meta += _clutter("byline", rng, others) if rng.random() < 0.5 else []
        for k in rng.sample(["share", "editor", "copyright", "comments", "related"], k=rng.randint(1, 4)):
            after += _clutter(k, rng, others)
        after += _teasers(rng.choice(["seed_like", "single_title", "ellipsis", "untitled"]), rng, others)
        inline = _clutter("ad", rng, others) if rng.random() < 0.5 else []
        if rng.random() < 0.5:
            after = [x for x in after if x[0] != "clutter" or rng.random() < 0.8]
            rng.shuffle(before)
    if shape == "single_newline":
        page.sep = "\n"
    wrap = shape == "hard_wrapped"
    if wrap:
        after += _teasers("seed_like", rng, others)
    page.title = title
    for role, text in before:
        page.add(role, text)
    page.add("title", tagged or title)
    for role, text in top_meta:
        page.add(role, text)
    paras = list(story.paragraphs)
    at = rng.randint(1, max(1, len(paras) - 1)) if inline else -1
    for i, p in enumerate(paras):
        if i == at:
            for role, text in inline:
                page.add(role, text)
        page.add("body", textwrap.fill(p, width=rng.choice([64, 70, 72, 76])) if wrap else p)
    for role, text in after:
        page.add(role, text)
    return page


# ------------------------------------------------------------------------------------------- unseen styles

NAMES = ["Jane Doe", "John Roe", "Mary Major", "Richard Miles", "Ana Lopez", "Wei Zhang", "Priya Shah",
         "Tom Baker", "Sara Novak", "Ken Ito"]
HANDLES = ["jsmith42", "TruthSeeker", "Mike_T", "anon1987", "Helen W.", "green_valley", "DaveR", "Old Timer",
           "k.martin", "Reader from Leeds"]


def _sentences(story: Story, rng: random.Random, k: int = 2) -> str:
    """One to ``k`` whole sentences of a story (a full-stop ending blurb)."""
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", " ".join(story.paragraphs))
    sents = [s for s in sents if s.endswith((".", "!", "?")) and len(s.split()) >= 5] or [story.paragraphs[0]]
    i = rng.randrange(len(sents))
    return " ".join(sents[i:i + rng.randint(1, k)])


def _ago(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(2, 23)} hours ago", f"{rng.randint(2, 59)} minutes ago", "1 day ago",
                       f"{rng.randint(2, 6)} days ago", "Yesterday", "Just now", f"{rng.randint(2, 23)}h ago"])


def _unseen(kind: str, rng: random.Random, others: list[Story], story: Story) -> list[tuple[str, str]]:
    """Clutter of a style the rules were not written against: (role, text) pairs."""
    if kind == "comments":
        out = [("clutter", rng.choice([f"{rng.randint(2, 400)} Comments", "Comments", "Readers' comments",
                                       "Join the conversation", f"Comments ({rng.randint(2, 99)})",
                                       "What readers are saying"]))]
        actions = rng.random() < 0.6
        for _ in range(rng.randint(2, 5)):
            user, when = rng.choice(HANDLES), _ago(rng)
            if rng.random() < 0.5:
                out += [("clutter", user), ("clutter", when)]
            else:
                out.append(("clutter", f"{user} {rng.choice(['·', '-', '|'])} {when}"))
            out.append(("clutter", _sentences(rng.choice(others), rng, 3)))
            if actions:
                out.append(("clutter", rng.choice(["Reply", f"Like {rng.randint(1, 90)}", "Reply | Report",
                                                   f"{rng.randint(1, 90)} likes",
                                                   f"Reply · Like ({rng.randint(1, 9)})",
                                                   "Report"])))
        return out
    if kind == "bio":
        name, site = rng.choice(NAMES), rng.choice(SITE)
        topic = " and ".join(_tags(rng, story)[:2]).lower()
        role = rng.choice(["a reporter covering", "a senior correspondent covering", "an editor who writes about",
                           "a freelance journalist specialising in", f"{site}'s correspondent for"])
        text = f"{name} is {role} {topic}."
        if rng.random() < 0.6:
            text += rng.choice([f" {name.split()[0]} previously worked at {rng.choice(SITE)}.",
                                f" Follow {name.split()[0]} on Twitter @{name.split()[0].lower()}news.",
                                f" {name.split()[0]} joined {site} in {rng.randint(1995, 2022)}."])
        labelled = rng.random() < 0.5
        out = [("clutter", rng.choice(["About the author", "About the Author", "Author"]))] if labelled else []
        return out + [("clutter", text)]
    if kind == "gallery":
        n = rng.randint(3, 12)
        out = []
        for i in range(1, rng.randint(2, 4)):
            out.append(("clutter", rng.choice([f"{i} of {n}", f"Image {i} of {n}", f"Photo {i}/{n}", f"{i}/{n}"])))
            out.append(("clutter", _cut(rng.choice(others), rng, 8, 25) + "."))
            out.append(("clutter", rng.choice(["Photo: Reuters", "Getty Images", "(Jane Doe/AFP)", "AP Photo/John Roe",
                                               "Photograph: Ana Lopez/Example Images"])))
        return out
    if kind == "ad_break":
        return [("clutter", rng.choice(["Advertisement", "Story continues below", "Story continues below advertisement",
                                        "Article continues after this advertisement", "Continue reading the main story",
                                        "Scroll to continue with content", "Ad Feedback", "- Advertisement -"]))]
    if kind == "chips":
        chips = _tags(rng, rng.choice(others)) + _tags(rng, story)
        label = rng.choice(["Related Topics", "More on this story", "Topics", "Explore more on these topics"])
        if rng.random() < 0.5:
            return [("clutter", label)] + [("clutter", c) for c in chips]
        return [("clutter", label), ("clutter", "  ".join(chips))]
    if kind == "tag_line":
        label = rng.choice(["Tags: ", "Tagged: ", "Topics: ", "Keywords: "])
        return [("clutter", label + ", ".join(_tags(rng, story)))]
    if kind == "newsletter":
        return [("clutter", x) for x in rng.choice([
            ["Sign up to our free newsletter", "Get the day's top stories delivered to your inbox every morning.",
             "Enter your email address", "Sign up"],
            ["Newsletter", "The Morning Briefing: everything you need to know, in your inbox by 7am.", "Subscribe"],
            ["Get our Business Daily email", "Our experts explain what matters in markets, every weekday.",
             "Email address", "Sign me up", "By signing up you agree to our privacy policy."]])]
    if kind == "pagination":
        return [("clutter", rng.choice(["Page 1 2 3 Next", "« Previous 1 2 3 Next »", "Pages: 1 2 3",
                                        "Next page", "1 | 2 | 3 | Next >", "Page 1 of 2"]))]
    if kind == "teaser_dense":  # title and blurb lines, one line group: the lines after the first are "_join"ed
        lines = []
        for s in rng.sample(others, k=rng.randint(2, 5)):
            lines += [s.title, _cut(s, rng) if rng.random() < 0.5 else _sentences(s, rng, 2)]
        return [("teaser", lines[0])] + [("_join", t) for t in lines[1:]]
    if kind == "embed":
        name = rng.choice(NAMES)
        handle = name.split()[0].lower() + rng.choice(["", "_", "news"]) + name.split()[1].lower()
        d = f"{rng.choice(FULL_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2012, 2024)}"
        tweet = min((_sentences(rng.choice(others), rng, 1) for _ in range(4)), key=len)[:280]  # a post is short
        style = rng.randrange(3)
        if style == 0:
            return [("clutter", f"{tweet} pic.twitter.com/{rng.randbytes(5).hex()}"),
                    ("clutter", f"— {name} (@{handle}) {d}")]
        if style == 1:
            return [("clutter", tweet), ("clutter", f"— {name} (@{handle}) {d}")]
        return [("clutter", "View this post on Instagram"), ("clutter", f"A post shared by {name} (@{handle})")]
    if kind == "video":
        return [("clutter", x) for x in rng.choice([
            ["Watch: " + rng.choice(others).title, f"Duration {rng.randint(0, 9)}:{rng.randint(10, 59)}"],
            [f"Video duration {rng.randint(0, 9):02d}:{rng.randint(10, 59)}",
             "Media caption, " + _cut(rng.choice(others), rng, 6, 14)],
            ["Play video", f"{rng.randint(0, 9)}:{rng.randint(10, 59)}"],
            ["Video", "Watch: " + rng.choice(others).title]])]
    if kind == "toc":
        heads = [rng.choice(others).title for _ in range(rng.randint(3, 5))]
        return [("clutter", rng.choice(["Contents", "In this article", "Table of contents", "Jump to:"]))] + \
            [("clutter", f"{i}. {h}" if rng.random() < 0.5 else h) for i, h in enumerate(heads, 1)]
    if kind == "i18n":
        return [("clutter", rng.choice([
            "English | Español | Français | Deutsch | 中文", "Select language",
            "Accueil | Actualités | Sport | Culture",
            "Inicio | Noticias | Deportes | Economía", "Startseite › Wirtschaft › Märkte", "Lesen Sie auch:",
            "Partager sur Facebook", "Compartir", "Teilen", "Werbung", "Anzeige", "Publicidad", "Publicité",
            "Mehr zum Thema", "Plus d'infos", "Más información", "Leia também", "Tous droits réservés",
            "Alle Rechte vorbehalten", "Todos los derechos reservados"]))]
    raise ValueError(kind)


#: Shapes of clutter styles not covered by the old shapes.
NEW_SHAPES = ["reader_comments", "author_bio", "live_blog", "gallery", "ad_breaks", "topic_chips", "newsletter_box",
              "pagination", "updated_lines", "teasers_dense", "social_embed", "video_player", "toc", "multilang",
              "extracted", "unseen_mixed"]


def build_unseen_page(shape: str, story: Story, others: list[Story], rng: random.Random) -> Page:
    """A page of one of NEW_SHAPES: the article (title, date line, body) plus clutter of that style."""
    page = Page(shape, title=story.title, extracted=shape == "extracted")
    before: list[tuple[str, str]] = []
    top: list[tuple[str, str]] = []
    inline: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    if rng.random() < 0.75:
        line, page.published = _date_line(rng, labelled=rng.random() < 0.8)
        top.append(("meta", line))
    u = lambda k: _unseen(k, rng, others, story)  # noqa: E731
    live = False
    if shape == "reader_comments":
        after += u("comments")
    elif shape == "author_bio":
        after += u("bio") + (u("tag_line") if rng.random() < 0.3 else [])
    elif shape == "live_blog":
        live = True
    elif shape == "gallery":
        (inline if rng.random() < 0.5 else top).extend(u("gallery"))
    elif shape == "ad_breaks":
        inline += u("ad_break")
    elif shape == "topic_chips":
        after += u("chips") + (u("tag_line") if rng.random() < 0.5 else [])
    elif shape == "newsletter_box":
        (inline if rng.random() < 0.5 else after).extend(u("newsletter"))
    elif shape == "pagination":
        after += u("pagination")
    elif shape == "updated_lines":
        d, iso = _date_line(rng, labelled=False)
        line = rng.choice([f"Updated {d}", f"First published on {d}", f"Last modified on {d}", f"Updated: {d}",
                           f"Published {d}"])
        (top if rng.random() < 0.5 else after).append(("meta", line))
        page.published = page.published or iso  # the only dated line on the page gives the published date
    elif shape == "teasers_dense":
        after += [("clutter", rng.choice(["More stories", "Latest", "Related coverage"]))] if rng.random() < 0.4 else []
        after += u("teaser_dense")
    elif shape == "social_embed":
        inline += u("embed")
    elif shape == "video_player":
        (inline if rng.random() < 0.5 else top).extend(u("video"))
    elif shape == "toc":
        top += u("toc")
    elif shape == "multilang":
        before += u("i18n")
        after += u("i18n")
    elif shape == "extracted":
        page.sep = "\n"
        # embedded posts are left out: an HTML extractor keeps them as content (the Zyte gold counts them as body)
        for k in rng.sample(["ad_break", "tag_line", "bio", "newsletter", "pagination"], k=rng.randint(1, 2)):
            (inline if k == "ad_break" and not inline else after).extend(u(k))
    elif shape == "unseen_mixed":
        for k in rng.sample(["comments", "bio", "chips", "newsletter", "pagination", "teaser_dense", "i18n"],
                            k=rng.randint(2, 3)):
            after += u(k)
        inline += u(rng.choice(["ad_break", "embed", "gallery", "video"]))
    if rng.random() < 0.3 and shape not in ("extracted",):
        page.sep = rng.choice(["\n\n", "\n\n\n"])
    for role, text in before:
        page.add(role, text)
    page.add("title", story.title)
    for role, text in top:
        page.add(role, text)
    paras = list(story.paragraphs)
    at = rng.randint(1, max(1, len(paras) - 1)) if inline else -1
    d = datetime(2024, 1, 1, rng.randint(6, 12), rng.randint(0, 59))
    for i, p in enumerate(paras):
        if i == at:
            for role, text in inline:
                page.add(role, text)
        if live and (i == 0 or rng.random() < 0.6):
            d += timedelta(minutes=rng.randint(3, 40))
            page.add("clutter", rng.choice([f"{d:%H:%M}", f"{d:%H:%M} GMT", f"{d.hour % 12 or 12}.{d:%M}{d:%p}".lower(),
                                            f"Posted at {d:%H:%M}", f"{d:%H:%M} BST", _ago(rng)]))
        page.add("body", p)
    for role, text in after:
        page.add(role, text)
    return page


ALL_SHAPES = SHAPES + NEW_SHAPES
SETS = {"old": SHAPES, "new": NEW_SHAPES, "all": ALL_SHAPES}


# ------------------------------------------------------------------------------------------- scoring


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall, F1 (multiset overlap of lower-cased \\w+ tokens)."""
    p, g = Counter(_TOKEN.findall(pred.lower())), Counter(_TOKEN.findall(gold.lower()))
    common = sum((p & g).values())
    if not p and not g:
        return 1.0, 1.0, 1.0
    prec = common / sum(p.values()) if p else 0.0
    rec = common / sum(g.values()) if g else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def score(page: Page, cfg) -> dict:
    text, spans = page.render()
    doc = RawDoc(doc_id=f"eval-{page.shape}", source=page.shape, text=text, extracted=page.extracted,
                 title=page.title if page.extracted else "")
    art = clean(doc, cfg)
    body = [(b.start, b.end) for b in art.body]

    def kept(s: int, e: int) -> bool:
        return any(bs < e and s < be for bs, be in body)

    gold = "\n\n".join(text[s:e] for role, s, e in spans if role == "body")
    p, r, f = prf(art.text, gold)
    leaked = sum(kept(s, e) for role, s, e in spans if role in ("clutter", "teaser", "_join"))
    leaked_teasers = sum(kept(s, e) for role, s, e in spans if role in ("teaser", "_join"))
    clutter = sum(role in ("clutter", "teaser", "_join") for role, _, _ in spans)
    dropped = sum(not any(bs <= s and e <= be for bs, be in body) for role, s, e in spans if role == "body")
    return {"p": p, "r": r, "f": f, "leaked": leaked, "leaked_teasers": leaked_teasers, "clutter": clutter,
            "dropped": dropped, "paras": sum(role == "body" for role, _, _ in spans),
            "title_ok": art.title == page.title, "pub_ok": art.published == page.published,
            "article": art}


def build_pages(pages: int, seed: int, shapes: list[str] = SHAPES,
                corpora: Path = DEFAULT_CORPORA) -> Iterator[Page]:
    """The ``pages`` evaluation pages of a seed, shapes in turn (the same pages for the same arguments)."""
    rng = random.Random(seed)
    stories = _reuters(corpora) + _bbc(corpora)
    for i in range(pages):
        shape = shapes[i % len(shapes)]
        story = rng.choice(stories)
        others = rng.sample(stories, 12)
        build = build_unseen_page if shape in NEW_SHAPES else build_page
        yield build(shape, story, [s for s in others if s is not story], rng)


def page_bytes(page: Page) -> bytes:
    """A page as measured (shape, text, gold roles and spans, gold title and date), for a corpus digest."""
    text, spans = page.render()
    head = json.dumps([page.shape, page.title, page.published, page.extracted, spans], ensure_ascii=False)
    return f"{head}\n{text}\n".encode("utf-8")


def run(pages: int, seed: int, shapes: list[str] = SHAPES, corpora: Path = DEFAULT_CORPORA,
        show_failures: int = 0, digest: hashlib._Hash | None = None) -> dict[str, list[dict]]:
    """Build and clean ``pages`` pages (shapes in turn); returns the per-page scores by shape.

    ``digest``, when given, is updated with :func:`page_bytes` of every page (the corpus measured)."""
    cfg = load_clean_config()
    rows: dict[str, list[dict]] = defaultdict(list)
    shown = 0
    for page in build_pages(pages, seed, shapes, corpora):
        if digest is not None:
            digest.update(page_bytes(page))
        res = score(page, cfg)
        rows[page.shape].append(res)
        if (res["leaked"] or res["dropped"]) and shown < show_failures:
            shown += 1
            print(f"--- {page.shape}: leaked {res['leaked']} dropped {res['dropped']}")
            print("\n".join(explain(res["article"])))
    return rows


def summarise(rs: list[dict]) -> dict[str, float]:
    """Means of P/R/F1, title and published accuracy; totals of the block counts."""
    n = len(rs) or 1
    out = {k: sum(r[k] for r in rs) / n for k in ("p", "r", "f", "title_ok", "pub_ok")}
    out.update({k: sum(r[k] for r in rs) for k in ("leaked", "leaked_teasers", "clutter", "dropped", "paras")})
    out["pages"] = len(rs)
    out["f1"] = out["f"]
    return out


def evaluate(pages: int, seed: int, shapes: list[str] = SHAPES,
             corpora: Path = DEFAULT_CORPORA) -> tuple[dict[str, dict[str, float]], str]:
    """The rows the command prints, as :func:`summarise` dicts by shape plus ``overall``, and the sha256 (hex)
    of the pages measured (see :func:`page_bytes`)."""
    digest = hashlib.sha256()
    rows = run(pages, seed, shapes, corpora, digest=digest)
    table = {shape: summarise(rows[shape]) for shape in shapes}
    table["overall"] = summarise([r for shape in shapes for r in rows[shape]])
    return table, digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=950, help="number of pages (spread over the shapes)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--set", choices=sorted(SETS), default="all",
                    help="shapes to run: the old ones (same pages as before for a seed), the new ones, or all")
    ap.add_argument("--shapes", nargs="*", choices=ALL_SHAPES, help="these shapes only (overrides --set)")
    ap.add_argument("--show-failures", type=int, default=0, metavar="K",
                    help="print the explain output of up to K pages with a leak or a dropped paragraph")
    args = ap.parse_args(argv)
    args.shapes = args.shapes or SETS[args.set]
    rows = run(args.pages, args.seed, args.shapes, args.corpora, args.show_failures)
    print(f"{'shape':<15}{'pages':>6}{'P':>8}{'R':>8}{'F1':>8}{'leaked':>9}{'teaser':>8}{'clutter':>9}"
          f"{'dropped':>9}{'paras':>7}{'title':>7}{'pub':>7}")
    for shape in args.shapes:
        print(_line(shape, summarise(rows[shape])))
    print(_line("overall", summarise([r for shape in args.shapes for r in rows[shape]])))
    print("P/R/F1: bag-of-words token overlap of Article.text with the gold body, mean over pages; leaked: clutter"
          " blocks inside kept body text (teaser: of them teaser blocks); dropped: gold paragraphs not kept;"
          " title/pub: share of pages with the right title/published.")
    return 0


def _line(name: str, m: dict[str, float]) -> str:
    return (f"{name:<15}{m['pages']:>6}{m['p']:>8.4f}{m['r']:>8.4f}{m['f']:>8.4f}{m['leaked']:>9}"
            f"{m['leaked_teasers']:>8}{m['clutter']:>9}{m['dropped']:>9}{m['paras']:>7}"
            f"{m['title_ok']:>7.2f}{m['pub_ok']:>7.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
