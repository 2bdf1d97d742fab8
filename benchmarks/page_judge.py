"""Judge one page: the clean stage on one dump, its title against a checked title and the bag-of-words overlap of
its kept text with a reference body. The scoring step of the page benchmarks (clean_real.py, page_set_eval.py,
fundus_eval.py; snippet_eval.py uses its title rule).

- a dump is read as the project's ingest reads an input file (:func:`read_dump`: plain text for a ``.txt``
  dump, HTML for an ``.html`` page);
- the title matches when it equals the checked one after :func:`norm_title` (``exact``) or holds it with up to
  8 more words before or after it (``loose``: a site name or section kept with the headline);
- ``p`` / ``r`` / ``f1``: precision, recall and F1 of lower-cased word tokens (clean_eval.prf).

    from page_judge import judge, read_dump
    j = judge(read_dump(path, "bs4/page.txt"), load_clean_config(), title="Gold headline", body="Gold text")
    j.exact, j.loose, j.p, j.r, j.f1, j.view()
"""
from __future__ import annotations

import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from clean_eval import prf  # noqa: E402
from pipeline.clean.page import clean, explain  # noqa: E402
from pipeline.ingest.listing import IngestOptions, InputFile, read_input  # noqa: E402
from pipeline.types import Article, RawDoc  # noqa: E402

_WORD = re.compile(r"\w+")


def norm_title(text: str) -> str:
    """Title as compared: NFKC, case-folded, word tokens joined by one space."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text or "").casefold()))


def title_match(got: str, gold: str, max_extra: int = 8) -> tuple[bool, bool]:
    """(exact, loose) match of a found title with the gold one after :func:`norm_title`; loose also allows
    up to ``max_extra`` words before or after it (a site name or section kept with the headline)."""
    g, t = norm_title(gold), norm_title(got)
    if not g or not t:
        return False, False
    if t == g:
        return True, True
    if t.startswith(g + " ") and len(t[len(g):].split()) <= max_extra:
        return False, True
    return False, t.endswith(" " + g) and len(t[: -len(g)].split()) <= max_extra


def read_dump(path: Path, source: str) -> RawDoc:
    """The RawDoc the project's ingest makes of one dump file (read as plain text; an ``.html`` file as HTML)."""
    return next(read_input(InputFile(path, source, path.stat().st_size), IngestOptions()))


def clean_dump(doc: RawDoc, cfg) -> tuple[Article, float]:
    """(article, CPU seconds) of the clean stage on one document."""
    t0 = time.process_time()
    art = clean(doc, cfg)
    return art, time.process_time() - t0


@dataclass(frozen=True)
class Judgement:
    """One page in one input, cleaned and scored.

    ``article``: the clean stage's Article; ``seconds``: its CPU seconds; ``exact`` / ``loose``: title matches
    (:func:`title_match`; None without a checked title); ``p`` / ``r`` / ``f1``: body scores in [0, 1] (None
    without a reference body)."""

    article: Article
    seconds: float
    exact: bool | None
    loose: bool | None
    p: float | None
    r: float | None
    f1: float | None

    @property
    def verdict(self) -> str:
        """``ok`` (exact title), ``loose`` (the title with a few more words) or ``wrong``."""
        return "ok" if self.exact else "loose" if self.loose else "wrong"

    def view(self) -> list[str]:
        """The explain view of the cleaned page: one line a block (KEEP/DROP, kind, rule, text)."""
        return explain(self.article)


def judge(doc: RawDoc, cfg, title: str = "", body: str | None = None) -> Judgement:
    """The clean stage (config ``cfg``) on ``doc``, its title matched with ``title`` (skipped when empty) and its
    kept text scored against ``body`` (skipped when None; an empty body is scored)."""
    art, secs = clean_dump(doc, cfg)
    exact, loose = title_match(art.title, title) if title else (None, None)
    p, r, f1 = prf(art.text, body) if body is not None else (None, None, None)
    return Judgement(art, secs, exact, loose, p, r, f1)
