"""spaCy component ``newsclaims``: puts the claims of ``doc.text`` on ``doc._.claims``.

``nlp.add_pipe("newsclaims")`` works on any pipeline. The component never loads a model of its own and
never runs NER a second time: when an ``ner`` component ran before this one, its ``doc.ents`` attach
subjects; otherwise claims have no subjects. The text takes the same document path as a run
(:mod:`pipeline.document`). Each claim is a dict with the claims.csv columns of the claim itself (no
review columns); offsets index ``doc.text``. Claims are also put in the span group ``doc.spans[spans_key]``
(label = kind) for displaCy and friends.

spaCy imports this module whenever it builds any pipeline (the ``spacy_factories`` entry point), so it imports
only spaCy and the package's types; the document path (rules, grammar, cleaning) is imported when a component is
made, not in every process that loads a model.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extract.ner import Entity

if TYPE_CHECKING:
    from .types import Claim

log = logging.getLogger(__name__)

FACTORY = "newsclaims"
DEFAULT_CONFIG: dict[str, Any] = {"rules": None, "clean": False, "spans_key": "newsclaims"}


def register_extension() -> None:
    """Register ``Doc._.claims`` (once)."""
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)


def doc_entities(doc: Doc) -> list[Entity] | None:
    """The entities an earlier component put on ``doc`` (absolute offsets), or None when none ran."""
    if not doc.has_annotation("ENT_IOB"):
        return None
    return [Entity(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents]


class ClaimsComponent:
    """Finds numeric claims in a Doc with the rule files of ``rules`` (default: the packaged rules)."""

    def __init__(self, nlp: Language, name: str = FACTORY, *, rules: str | None = None, clean: bool = False,
                 spans_key: str | None = "newsclaims") -> None:
        register_extension()
        self.name = name
        self.rules = rules
        self.clean = clean
        self.spans_key = spans_key
        from .document import load_stages

        self.stages = load_stages(rules, use_ner=False)

    def claims(self, doc: Doc) -> list[Claim]:
        """Claims of ``doc``; subjects come from ``doc.ents`` when an entity recogniser ran.

        ``doc.user_data["source"]`` names the source (default ``<doc>``). Raises
        :class:`~pipeline.errors.DocumentError` (E120) when the text cannot be processed.
        """
        from .document import process_documents, text_doc

        raw = text_doc(doc.text, str(doc.user_data.get("source", "<doc>")))
        results = process_documents([raw], self.stages, clean=self.clean, entities=[doc_entities(doc)], strict=True)
        return next(results).claims

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


register_extension()
