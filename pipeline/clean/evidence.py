"""General evidence about each block of a page, for the block model of ``rules/clutter.toml``.

Each block is measured on its visible text (:func:`pipeline.clean.dialect.visible`): length, stop-word
density (against the page's own prose), link share, sentence completeness, capitalisation, digit and
separator density, repetition on the page, the same measures smoothed over its neighbours, and
its distance from the densest run of prose on the page (the best-scoring contiguous run of blocks, found
in one pass). :func:`block_features` gives one vector per block (named by :data:`FEATURES`);
:func:`score` turns a vector into the probability that the block is article text with the weights of the
model rule. Everything is linear in the number of blocks.
"""
from __future__ import annotations

import math
from typing import Mapping, Sequence

import regex

from .dialect import CJK
from .features import Item
from .stopwords import STOP_WORDS



_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_SENTENCE = regex.compile(r"[\p{Ll}\p{N})\"”’“‘»«][.!?。！？]['\"”’“‘»«)]?\s+['\"“‘„‚«»(]?\p{Lu}|[。！？]")
_SEPARATORS = frozenset("|•·/\\>»«<:=_#*~^[](){}+©®™►▶◄←→↑↓")
_TERMINAL = frozenset(".!?…。！？\"”’)")
#: Closing quotes of „low-high“ quotes and of »guillemets« set either way: they end a sentence only after its
#: punctuation ("… sagte er: „Wir bleiben.“"); after a word they close a quoted name or title.
_QUOTE_CLOSERS = frozenset("“‘»«")
_URLISH = regex.compile(r"https?:|www\.|\.(?:com|org|net|html?|php)\b", regex.I)
#: Blocks counted as prose when looking for the densest run of prose.
PROSE_WORDS = 12

#: Names of the features, in vector order (the weights of the model rule are keyed by these names).
FEATURES: tuple[str, ...] = (
    "bias", "log_words", "stop", "stop_rel", "link", "terminal", "sentences", "capitalised", "digits",
    "separators", "starts_lower", "commas", "word_length", "repeated", "in_run", "run_distance",
    "short", "truncated", "urlish", "upper", "prev_prose", "next_prose", "near_prose", "prev_words",
    "next_words", "prev_link", "next_link", "cjk", "nodes", "markdown", "terminal_dump",
)


def block_words(text: str) -> list[str]:
    """The words a block is measured on: those of its first 5,000 characters (digits make words too)."""
    return _WORD.findall(text[:5000])


def stop_share(words: Sequence[str], stop_words: frozenset[str] = STOP_WORDS) -> float:
    """Share of ``words`` (:func:`block_words`) that are ``stop_words``, lower-cased; 0 for none."""
    return sum(w.lower() in stop_words for w in words) / len(words) if words else 0.0


def _measure(item: Item, stop_words: frozenset[str] = STOP_WORDS) -> dict[str, float]:
    """Block-level measures of one item's visible text (its stop share over ``stop_words``)."""
    text = item.vis
    words = block_words(text)
    n = len(words)
    cjk = len(CJK.findall(text[:5000]))
    chars = max(1, len(text[:5000]))
    if n == 0 and cjk == 0:
        return {"n": 0.0, "stop": 0.0, "cap": 0.0, "upper": 0.0, "lower": 0.0, "commas": 0.0, "wlen": 0.0,
                "sent": 0.0, "digits": sum(c.isdigit() for c in text[:500]) / chars,
                "seps": sum(c in _SEPARATORS for c in text[:500]) / chars, "cjk": 0.0}
    stop = stop_share(words, stop_words)
    alpha = [w for w in words if w[0].isalpha()]
    cap = sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0
    upper = sum(w.isupper() and len(w) > 1 for w in alpha) / len(alpha) if alpha else 0.0
    head = text.lstrip("\"'“‘„‚«»(¿¡")
    return {
        "n": float(n + cjk // 2), "stop": stop, "cap": cap, "upper": upper,
        "lower": float(bool(head) and head[0].islower()),
        "commas": min(1.0, 10 * (text.count(",") + text.count("，") + text.count("、")) / max(1, n + cjk // 2)),
        "wlen": min(2.0, sum(map(len, words)) / max(1, n) / 6) if n else 0.5,
        "sent": min(1.0, len(_SENTENCE.findall(text[:5000])) / 3),
        "digits": sum(c.isdigit() for c in text[:5000]) / chars,
        "seps": sum(c in _SEPARATORS for c in text[:5000]) / chars,
        "cjk": min(1.0, cjk / chars),
    }


def _terminal(text: str) -> bool:
    """True when the block ends a sentence: its last character is in :data:`_TERMINAL`, or is a closing quote of
    :data:`_QUOTE_CLOSERS` right after sentence punctuation."""
    end = text.rstrip()
    return end[-1:] in _TERMINAL or end[-1:] in _QUOTE_CLOSERS and end[-2:-1] in ".!?…"


def _prose(m: dict[str, float], link: float, terminal: bool) -> float:
    """A rough prose score in [0, 1] of one block's measures (for context and the densest run)."""
    if m["n"] < 5 or link > 0.5:
        return 0.0
    length = min(1.0, m["n"] / 40)
    function = min(1.0, (m["stop"] + m["cjk"]) / 0.3)
    return length * function * (1.0 if terminal else 0.6) * (1.0 - link)


def densest_run(values: Sequence[float]) -> tuple[int, int]:
    """(start, end) of the contiguous run of blocks with the largest sum of ``values`` (Kadane's algorithm,
    linear time); (0, 0) when every value is negative."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, v in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += v
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def block_features(items: Sequence[Item], dialect: str,
                   stop_words: frozenset[str] = STOP_WORDS) -> tuple[list[list[float]], tuple[int, int]]:
    """One feature vector (ordered as :data:`FEATURES`) per block of the page, and the (start, end) block
    indices of the page's densest run of prose; ``stop_words``: the function words of the page's language
    (:func:`~pipeline.clean.stopwords.function_words`)."""
    n = len(items)
    if n == 0:
        return [], (0, 0)
    ms = [_measure(it, stop_words) for it in items]
    terminal = [_terminal(it.vis) for it in items]
    prose = [_prose(m, it.link, t) for m, it, t in zip(ms, items, terminal)]
    long = [m["stop"] for m in ms if m["n"] >= PROSE_WORDS]
    page_stop = sorted(long)[len(long) // 2] if long else 0.0
    # the densest run: prose words count for, other words (menus, lists, labels) against
    run_values = [m["n"] * (p - 0.25) if m["n"] else -1.0 for m, p in zip(ms, prose)]
    run_start, run_end = densest_run(run_values)
    keys: dict[str, int] = {}
    for it in items:
        keys[it.key] = keys.get(it.key, 0) + 1
    out = []
    for i, (it, m) in enumerate(zip(items, ms)):
        prev1 = prose[i - 1] if i > 0 else 0.0
        next1 = prose[i + 1] if i + 1 < n else 0.0
        near = max(prose[max(0, i - 2):i] + prose[i + 1:i + 3] + [0.0])
        dist = 0 if run_start <= i < run_end else (run_start - i if i < run_start else i - run_end + 1)
        vec = [
            1.0,
            math.log1p(m["n"]) / 5,
            m["stop"],
            min(2.0, m["stop"] / (page_stop + 0.02)) if page_stop > 0.05 else 1.0,
            it.link,
            float(terminal[i]),
            m["sent"],
            m["cap"],
            min(1.0, 3 * m["digits"]),
            min(1.0, 5 * m["seps"]),
            m["lower"],
            m["commas"],
            m["wlen"],
            float(keys[it.key] > 1),
            float(dist == 0 and run_end > run_start),
            math.log1p(dist) / 5 if run_end > run_start else 1.0,
            float(it.short),
            float(it.truncated),
            float(_URLISH.search(it.vis[:2000]) is not None),
            m["upper"],
            prev1,
            next1,
            near,
            math.log1p(ms[i - 1]["n"]) / 5 if i > 0 else 0.0,
            math.log1p(ms[i + 1]["n"]) / 5 if i + 1 < n else 0.0,
            items[i - 1].link if i > 0 else 0.0,
            items[i + 1].link if i + 1 < n else 0.0,
            m["cjk"],
            float(dialect == "nodes"),
            float(dialect == "markdown"),
            float(dialect == "terminal"),
        ]
        out.append(vec)
    return out, (run_start, run_end)


def score(vec: Sequence[float], weights: Mapping[str, float]) -> float:
    """Probability that a block is article text: the logistic function of the weighted features."""
    z = sum(weights.get(name, 0.0) * x for name, x in zip(FEATURES, vec))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
