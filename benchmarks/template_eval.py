"""Evaluate site templates (``template.repeated_line.v1``) on generated multi-page sites and on the Zyte dumps.

Sites are made up at run time (nothing is written to disk): each has a name, a navigation menu in one of
several shapes, promo lines, a "most read" box drawn from its own headlines, bylines of its own authors and a
footer (an "About" paragraph of whole sentences, link lines, a copyright line); every page of a site carries
a varying part of that template around one article whose title and paragraphs are real text of Reuters-21578
or BBC News (../shared/corpora, research-only: read here, never copied). Some pages of a site share a
"background" paragraph (an article series quoting the same text): that paragraph is article text and must be
kept. Half the sites give their pages URLs (site = host), the others are a folder of dumps (site = folder).
Even-numbered sites are ``dev``, odd ones ``test``.

Scores per split, without and with templates (the batch is the split's pages): bag-of-words F1 of the kept
body against the gold body (mean over pages), clutter blocks leaked (kept as body), body paragraphs
dropped, shared background paragraphs dropped, title accuracy. ``--zyte`` also scores the Zyte dumps
(benchmarks/build_dumps.py) of a split, with every dump of a dialect folder as one site (as a run over that
folder counts them) and with the page's real site (1-2 pages each). ``--speed N`` times the pre-pass
(:func:`~pipeline.clean.template.count_templates`, CPU seconds) over N generated pages.

    python benchmarks/template_eval.py [--sites 10] [--pages 20] [--seed 7] [--split dev|test|all]
                                       [--zyte dev|test] [--speed 2000] [--write DIR]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from clean_eval import DEFAULT_CORPORA, Story, _bbc, _reuters, join_parts, prf  # noqa: E402
from pipeline.clean.page import clean, load_clean_config  # noqa: E402
from pipeline.clean.template import count_templates, load_template_rule  # noqa: E402
from pipeline.ids import doc_id  # noqa: E402
from pipeline.types import RawDoc  # noqa: E402

FIRST = ["Harbor", "Valley", "Metro", "Coastal", "Northern", "Capital", "Prairie", "Summit", "Delta", "Lakeside",
         "Granite", "Riverside", "Eastern", "Highland", "Union", "Pacific"]
SECOND = ["Weekly", "Herald", "Ledger", "Dispatch", "Courier", "Times", "Post", "Gazette", "Observer", "Bulletin",
          "Record", "Chronicle"]
SECTIONS = ["Home", "World", "Business", "Markets", "Tech", "Politics", "Sport", "Culture", "Opinion", "Science",
            "Climate", "Health", "Video", "Podcasts", "Local", "Economy", "Energy", "Travel"]
TOPICS = ["trade", "farming", "shipping", "energy", "local politics", "public health", "technology", "the courts",
          "transport", "housing"]
NAMES = ["Maria Lind", "Tom Okafor", "Priya Raman", "Jonas Weber", "Ana Souza", "Li Wei", "Sam Carter",
         "Nadia Haddad", "Erik Dahl", "Grace Mbeki", "Ivan Petrov", "Chloe Martin"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NAV_SHAPES = ("pipe", "lines", "spaced", "caps")


@dataclass
class Site:
    name: str
    host: str
    nav: list[str]
    nav_shape: str
    promos: list[str]
    headlines: list[str]
    authors: list[str]
    about: str
    links: str
    background: str
    url: bool


@dataclass
class GenPage:
    site: Site
    parts: list[tuple[str, str]] = field(default_factory=list)  # (role, text): title/meta/body/background/clutter
    title: str = ""

    def render(self) -> tuple[str, list[tuple[str, int, int]]]:
        return join_parts(self.parts, "\n\n")


def make_site(i: int, rng: random.Random, stories: list[Story]) -> Site:
    name = f"{FIRST[i % len(FIRST)]} {SECOND[(i * 5 + rng.randrange(3)) % len(SECOND)]}"
    host = name.lower().replace(" ", "") + rng.choice([".com", ".co.uk", ".net", ".org"])
    topics = rng.sample(TOPICS, 2)
    about = (f"{name} is an independent newsroom covering {topics[0]} and {topics[1]} since "
             f"{rng.randrange(1950, 2015)}. Our {rng.randrange(8, 90)} journalists report from "
             f"{rng.randrange(2, 12)} bureaus, and we never take money from the companies we cover.")
    promos = [f"Listen: The {name} Daily, a new episode every weekday morning",
              f"Subscribe to {name} for unlimited access from {rng.randrange(1, 5)}.99 a month",
              f"Get the {name} app for breaking news alerts",
              f"Got a tip? Write to newsroom@{host}",
              f"Watch: the week in {rng.choice(topics)} in {rng.randrange(2, 9)} minutes"]
    return Site(
        name=name, host=host, nav=rng.sample(SECTIONS, rng.randrange(5, 9)), nav_shape=NAV_SHAPES[i % 4],
        promos=promos, headlines=[s.title for s in rng.sample(stories, 6)], authors=rng.sample(NAMES, 4),
        about=about, links=rng.choice(["Contact us | Careers | Advertise | Terms of use | Privacy policy",
                                       "About us  Contact  Jobs  Terms  Privacy  Cookie settings",
                                       "Help centre\nTerms and conditions\nPrivacy notice\nAdvertise with us"]),
        background=rng.choice(stories).paragraphs[0], url=bool(i % 4 < 2))


def _nav(site: Site) -> str:
    if site.nav_shape == "pipe":
        return " | ".join(site.nav)
    if site.nav_shape == "lines":
        return "\n".join(site.nav)
    if site.nav_shape == "spaced":
        return "   ".join(site.nav)
    return "  ".join(n.upper() for n in site.nav)


def make_page(site: Site, story: Story, rng: random.Random, background: bool) -> GenPage:
    page = GenPage(site=site, title=story.title)
    add = page.parts.append
    add(("clutter", f"{site.name}\n{_nav(site)}" if rng.random() < 0.5 else _nav(site)))
    if rng.random() < 0.5:
        add(("clutter", rng.choice(site.promos)))
    add(("title", story.title))
    add(("meta", f"{rng.randrange(1, 29)} {rng.choice(MONTHS)} {rng.randrange(2019, 2025)}"))
    if rng.random() < 0.7:
        add(("meta", f"By {rng.choice(site.authors)}"))
    paras = list(story.paragraphs[:8])
    for k, p in enumerate(paras):
        add(("body", p))
        if k == 1 and background:
            add(("background", site.background))
        if k == 2 and rng.random() < 0.5:
            add(("clutter", rng.choice(site.promos)))
    if rng.random() < 0.7:
        add(("clutter", "Most read"))
        add(("clutter", "\n".join(rng.sample(site.headlines, 3))))
    add(("clutter", f"About {site.name}"))
    add(("clutter", site.about))
    add(("clutter", site.links))
    add(("clutter", f"© {rng.randrange(2019, 2025)} {site.name} Media Ltd. All rights reserved."))
    return page


def build_sites(sites: int, pages: int, seed: int, corpora: Path) -> list[tuple[int, GenPage, RawDoc]]:
    """(site index, page, document) of every generated page; the same for the same arguments."""
    rng = random.Random(seed)
    stories = _reuters(corpora) + _bbc(corpora)
    out = []
    for i in range(sites):
        site = make_site(i, rng, stories)
        shared = set(rng.sample(range(pages), min(pages, 4)))  # pages of a series quoting one paragraph
        for n, story in enumerate(rng.sample(stories, pages)):
            page = make_page(site, story, rng, n in shared)
            text, _ = page.render()
            folder = f"site{i:03d}-{site.host.split('.')[0]}"
            doc = RawDoc(doc_id=doc_id(text.encode()), source=f"{folder}/page-{n:03d}.txt", text=text,
                         url=f"https://www.{site.host}/news/{n}" if site.url else "")
            out.append((i, page, doc))
    return out


def score(page: GenPage, doc: RawDoc, cfg) -> dict[str, float]:
    art = clean(doc, cfg)
    text, spans = page.render()
    body = [(b.start, b.end) for b in art.body]

    def kept(s: int, e: int) -> bool:
        return any(bs < e and s < be for bs, be in body)

    def whole(s: int, e: int) -> bool:
        return any(bs <= s and e <= be for bs, be in body)

    gold = "\n\n".join(text[s:e] for role, s, e in spans if role in ("body", "background"))
    return {"f": prf(art.text, gold)[2],
            "leaked": sum(kept(s, e) for role, s, e in spans if role == "clutter"),
            "clutter": sum(role == "clutter" for role, _, _ in spans),
            "dropped": sum(not whole(s, e) for role, s, e in spans if role in ("body", "background")),
            "bg_dropped": sum(not whole(s, e) for role, s, e in spans if role == "background"),
            "title_ok": float(art.title == page.title),
            "template_blocks": sum(b.rule == "template.repeated_line.v1" for b in art.dropped)}


def summary(rows: list[dict[str, float]]) -> dict[str, float]:
    n = len(rows) or 1
    out = {k: sum(r[k] for r in rows) for k in ("leaked", "clutter", "dropped", "bg_dropped", "template_blocks")}
    out["f1"] = sum(r["f"] for r in rows) / n
    out["title"] = sum(r["title_ok"] for r in rows) / n
    out["pages"] = len(rows)
    return out


def evaluate(items: list[tuple[int, GenPage, RawDoc]]) -> dict[str, dict[str, float]]:
    """Scores without (``off``) and with (``on``) the templates counted over ``items``."""
    cfg = load_clean_config()
    rule = load_template_rule()
    tset = count_templates((d for _, _, d in items), rule)
    on = replace(cfg, templates=tset) if tset is not None else cfg
    return {"off": summary([score(p, d, cfg) for _, p, d in items]),
            "on": summary([score(p, d, on) for _, p, d in items])}


def _line(name: str, m: dict[str, float]) -> str:
    return (f"{name:<14} pages {m['pages']:>4}  F1 {m['f1']:.4f}  clutter leaked {m['leaked']:>4}/{m['clutter']:<4}"
            f"  body dropped {m['dropped']:>3}  shared bg dropped {m['bg_dropped']:>2}  title {m['title']:.3f}"
            f"  template blocks {m['template_blocks']}")


def zyte(split: str) -> list[str]:
    """F1 of the clean stage on the Zyte dumps of ``split``, without and with templates: every dump of a
    dialect folder one site, and each page's real site."""
    import csv

    from build_dumps import DEFAULT_BENCH, DEFAULT_OUT, DIALECTS
    from page_judge import read_dump
    import json

    gold = json.loads((DEFAULT_BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    with open(ROOT / "benchmarks" / "gold" / "zyte_split.csv", encoding="utf-8") as handle:
        split_rows = {r["page"]: r for r in csv.DictReader(handle)}
    pages = sorted(p for p, r in split_rows.items() if r["split"] == split and p in gold)
    cfg, rule = load_clean_config(), load_template_rule()
    lines = []
    for dialect in DIALECTS:
        docs = [(p, read_dump(DEFAULT_OUT / dialect / f"{p}.txt", f"{dialect}/{p}.txt")) for p in pages
                if (DEFAULT_OUT / dialect / f"{p}.txt").exists()]
        if not docs:
            continue
        by_site = [(p, replace(d, url=f"https://{split_rows[p]['site']}/{p}")) for p, d in docs]
        row = [f"zyte {split} {dialect:<9} pages {len(docs):>3}"]
        for name, batch in (("folder-site", docs), ("real-site", by_site)):
            tset = count_templates((d for _, d in batch), rule)
            on = replace(cfg, templates=tset) if tset is not None else cfg
            f_off = statistics.mean(prf(clean(d, cfg).text, gold[p]["articleBody"])[2] for p, d in batch)
            arts = [(p, clean(d, on)) for p, d in batch]
            f_on = statistics.mean(prf(a.text, gold[p]["articleBody"])[2] for p, a in arts)
            dropped = sum(b.rule == "template.repeated_line.v1" for _, a in arts for b in a.dropped)
            row.append(f"{name}: F1 {f_off:.4f} -> {f_on:.4f} ({len(tset) if tset else 0} template lines, "
                       f"{dropped} blocks dropped)")
        lines.append("  ".join(row))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=10)
    ap.add_argument("--pages", type=int, default=20, help="pages per site")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--zyte", choices=("dev", "test"), help="also score the Zyte dumps of this split")
    ap.add_argument("--speed", type=int, default=0, metavar="N", help="time the pre-pass over N generated pages")
    ap.add_argument("--write", type=Path, metavar="DIR",
                    help="write the generated pages as a folder per site under DIR (for timing whole runs) and stop")
    args = ap.parse_args(argv)
    if args.write or args.speed:
        n = args.speed or args.sites * args.pages
        items = build_sites(max(1, n // args.pages), args.pages, args.seed, args.corpora)
        if args.write:
            for _, _, doc in items:
                path = args.write / doc.source
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(doc.text, encoding="utf-8")
            print(f"wrote {len(items)} pages under {args.write}")
            return 0
        rule = load_template_rule()
        docs = [d for _, _, d in items]
        times = []
        for _ in range(3):
            t0 = time.process_time()
            tset = count_templates(docs, rule)
            times.append(time.process_time() - t0)
        chars = sum(len(d.text) for d in docs)
        print(f"pre-pass over {len(docs)} pages ({chars / 1e6:.1f} M characters): median "
              f"{statistics.median(times):.3f} CPU-s of 3 ({len(tset) if tset else 0} template lines)")
        return 0
    items = build_sites(args.sites, args.pages, args.seed, args.corpora)
    for split in (["dev", "test"] if args.split == "all" else [args.split]):
        chosen = [it for it in items if (it[0] % 2 == 0) == (split == "dev")]
        result = evaluate(chosen)
        print(_line(f"{split} off", result["off"]))
        print(_line(f"{split} on", result["on"]))
    if args.zyte:
        print("\n".join(zyte(args.zyte)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
