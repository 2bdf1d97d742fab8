"""What a dump shows beside its text (:mod:`pipeline.clean.dumps`): the slugs of its link targets."""
from __future__ import annotations

from pipeline.clean.dumps import url_slugs


def test_url_slugs_spell_the_headline() -> None:
    text = ("[Share](https://social.example/share?u=https://news.example/2024/05/port-cargo-rises-on-grain)\n"
            "References:\n\n[1] file:///world/oil-output-falls\n")
    pairs = url_slugs(text)
    assert ("cargo", "rises") in pairs and ("oil", "output") in pairs and ("rises", "oil") not in pairs
