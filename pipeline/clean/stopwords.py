"""Function words of the languages most pages are in, the clean wing's measure of running text.

:data:`STOP_WORDS` is a short hand-picked list for the languages most news pages are in (English first); a page in
another language also measures its blocks with jusText's stop list of that language (:func:`function_words`: the
most frequent words of its Wikipedia, 100 languages, BSD licence), since a list without its function words sees
every paragraph of such a page as a menu.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Function words of the languages most pages are in (lower case). A block of running text has many;
#: menus, labels, headlines and lists have few.
STOP_WORDS = frozenset("""
a about after all also an and any are as at be because been before being but by can could did do does
for from had has have he her his how i if in into is it its just more most my no not now of on one only
or our out over she so some such than that the their them then there these they this those through to
too up very was we were what when where which while who will with would you your
aber als am an auch auf aus bei bis das dass dem den der des die doch durch ein eine einem einen einer
es für hat hatte ich ist im in mit nach nicht noch nur oder sich sie sind so um und von vor war wie wir
wird wurde zu zum zur über
au aux avec ce ces comme dans de des du elle en est et il ils la le les leur mais ne nous ou par pas
plus pour qu que qui sa se ses son sont sur un une été
al como con da de del el en es esta este fue ha la las le lo los más no o para pero por que se si sin
su sus un una y
ao aos as com da das de do dos e em foi mais na nas no nos o os para pela pelo por que se sem seu sua
um uma à é
al alla che con da dei del della di e gli ha il in la le nel non per più si sono su un una è
aan als bij dat de den der die een en er het hij in is met niet of om op te van voor was wat ze zijn
ada adalah akan atau dalam dan dari dengan di ini itu ke oleh pada tidak untuk yang
а без в во да для до его ее если же за и из или к как ко ли мы на не но о об он она они от по при с со
так то только что это я
a ale być był była było będzie czy dla do jak jako jego jej jest już lub na nie o od oraz po przez przy
są ta także tak te tego tej to tym tylko też w we z za ze że który która które których
""".split())

#: Languages (ISO 639-1) whose function words :data:`STOP_WORDS` lists itself: their pages are measured with it alone.
LISTED = frozenset({"en", "de", "fr", "es", "pt", "it", "nl", "id", "ms", "ru", "pl"})


def _stoplist_name(language: str, names: frozenset[str]) -> str:
    """jusText's name of the stop list of ``language`` (ISO 639-1/3 code): the language's English name from the
    CLDR data babel ships ("nb" -> "Norwegian_Bokmal"), else the first list of that name with a variant
    ("no" -> "Norwegian_Bokmal"); "" when there is none."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language).get_display_name("en") or ""
    except (UnknownLocaleError, ValueError):
        return ""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().replace(" ", "_")
    if name in names:
        return name
    return next((n for n in sorted(names) if n.startswith(name + "_")), "")


@lru_cache(maxsize=None)
def function_words(language: str) -> frozenset[str]:
    """The function words a page in ``language`` (ISO 639-1, "" when unknown) is measured with: :data:`STOP_WORDS`,
    joined by jusText's stop list of the language (lower-cased) when :data:`LISTED` does not hold it and jusText
    has one ("tr", "sv", "hu", "cs", "el", ...); :data:`STOP_WORDS` alone otherwise."""
    if not language or language in LISTED:
        return STOP_WORDS
    import justext

    name = _stoplist_name(language, frozenset(justext.get_stoplists()))
    if not name:
        return STOP_WORDS
    return STOP_WORDS | frozenset(w.lower() for w in justext.get_stoplist(name))
