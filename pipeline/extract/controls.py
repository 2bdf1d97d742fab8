"""Terminal control sequences in page text, blanked before the number grammar reads a sentence.

Scraped text can carry ANSI / ECMA-48 escapes ("\\x1b[0m", "\\x9b31m", OSC hyperlinks
"\\x1b]8;;url\\x1b\\\\"); their parameter digits are not numbers of the page. :func:`blank_controls`
replaces each such sequence, and every other C0/C1 control character except tab, newline and carriage
return, by spaces of the same length, so offsets into the raw text stay exact.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..types import Sentence

#: One control sequence (longest first) or one lone control character.
CONTROL = regex.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?      # CSI: parameters, intermediates, final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])                # OSC / DCS / SOS / PM / APC string ...
      [^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?           # ... up to BEL or ST (ESC \\ or 8-bit ST)
    | \x1b[\x20-\x2f]*[\x30-\x7e]?                            # other escape sequences (two bytes or more)
    | [\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]                   # any other C0 / C1 control character
    """,
    regex.VERBOSE,
)


def blank_controls(text: str) -> str:
    """``text`` with every terminal control sequence and control character (not tab/LF/CR) replaced by
    as many spaces: same length, same offsets."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: " " * len(m.group()), text)


def blank_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with :func:`blank_controls` applied to their text (unchanged ones kept as they are)."""
    out = []
    for s in sentences:
        clean = blank_controls(s.text)
        out.append(s if clean is s.text else replace(s, text=clean))
    return out
