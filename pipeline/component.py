"""spaCy component ``newsclaims``: puts the claims of ``doc.text`` on ``doc._.claims``.

``nlp.add_pipe("newsclaims")`` works on any pipeline. The extractor never loads a model of its own:
when an ``ner`` component ran before this one, its ``doc.ents`` attach subjects; otherwise claims
have no subjects. Each claim is a dict with the claims.csv columns; offsets index ``doc.text``.
Claims are also put in the span group ``doc.spans[spans_key]`` (label = kind) for displaCy and friends.
"""
from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .ids import doc_id
from .types import Claim, RawDoc, Sentence

log = logging.getLogger(__name__)

FACTORY = "newsclaims"
DEFAULT_CONFIG: dict[str, Any] = {"rules": None, "clean": False, "spans_key": "newsclaims"}


def _register_extension() -> None:
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)


def sentence_entities(doc: Doc, sentences: Sequence[Sentence]) -> list[list[Any]]:
    """The doc's entities grouped by the sentence that holds them (as :class:`pipeline.claims.Entity`)."""
    from .extract.claims import Entity

    starts = [s.start for s in sentences]
    out: list[list[Any]] = [[] for _ in sentences]
    for ent in doc.ents:
        k = bisect.bisect_right(starts, ent.start_char) - 1
        if k >= 0 and ent.end_char <= sentences[k].end:
            out[k].append(Entity(ent.start_char, ent.end_char, ent.label_, ent.text))
    return out


class ClaimsComponent:
    """Finds numeric claims in a Doc with the rule files of ``rules`` (default: the packaged rules)."""

    def __init__(self, nlp: Language, name: str = FACTORY, *, rules: str | None = None, clean: bool = False,
                 spans_key: str | None = "newsclaims") -> None:
        from .extract.stage import load_extractor

        _register_extension()
        self.name = name
        self.rules = rules
        self.clean = clean
        self.spans_key = spans_key
        folder = Path(rules) if rules else None
        self.extractor = load_extractor(folder, use_ner=False)
        self._clean_config = None
        if clean:
            from .clean.page import load_clean_config

            self._clean_config = load_clean_config(folder)

    def claims(self, doc: Doc) -> list[Claim]:
        """Claims of ``doc``; subjects come from ``doc.ents`` when an entity recogniser ran."""
        from .clean.page import clean, passthrough
        from .extract.claims import article_claims
        from .extract.stage import extract_many, sentence_quantities
        from .extract.quantities import find_years
        from .clean.segment import segment

        text = doc.text
        source = str(doc.user_data.get("source", "<doc>"))
        raw = RawDoc(doc_id=doc_id(text.encode("utf-8", "surrogatepass")), source=source, text=text)
        if not text.strip():
            return []
        article = clean(raw, self._clean_config) if self._clean_config is not None else passthrough(raw)
        sentences = segment(article)
        if not doc.has_annotation("ENT_IOB"):
            return extract_many([(article, sentences)], self.extractor)[0]
        ex = self.extractor
        found = [sentence_quantities(s, ex) for s in sentences]
        years = [find_years(s.text, ex.grammar, offset=s.start) for s in sentences]
        return article_claims(article, sentences, found, years, sentence_entities(doc, sentences), ex.rules)

    def __call__(self, doc: Doc) -> Doc:
        claims = self.claims(doc)
        doc._.claims = [c.as_row() for c in claims]
        if self.spans_key:
            spans = [doc.char_span(c.start, c.end, label=c.kind, alignment_mode="expand") for c in claims]
            doc.spans[self.spans_key] = [s for s in spans if isinstance(s, Span)]
        return doc


@Language.factory(FACTORY, default_config=DEFAULT_CONFIG)
def make_component(nlp: Language, name: str, rules: str | None, clean: bool, spans_key: str | None) -> ClaimsComponent:
    """Factory of the ``newsclaims`` component (entry point ``spacy_factories``)."""
    return ClaimsComponent(nlp, name, rules=rules, clean=clean, spans_key=spans_key)


_register_extension()
