"""Name normalisation and matching shared by in-article and cross-article entity
resolution: hyphen/spacing variants, transliterations, and the namesake guard.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz

TITLES = {"mr", "mrs", "ms", "dr", "prof", "professor", "president", "sir", "dame", "gen", "general",
          "minister", "premier", "chancellor", "king", "queen", "prince", "princess", "pope", "lord", "lady",
          "senator", "sen", "rep", "gov", "governor", "mayor", "judge", "justice", "col", "capt", "lt", "sgt",
          "secretary", "ambassador", "chairman", "leader", "chief", "sheriff", "deputy", "officer", "detective",
          "det", "trooper", "sergeant", "lieutenant", "captain", "cpl", "corporal", "coach", "rev", "reverend",
          "pastor", "rabbi", "imam", "superintendent", "commissioner", "inspector", "constable", "agent", "miss",
          "councilman", "councilwoman", "congressman", "congresswoman", "assemblyman", "assemblywoman",
          # descriptions written before a name as if titles ("Victim Melvin Edwards", "Suspect ...")
          "victim", "suspect", "witness", "defendant", "shooter", "gunman", "driver", "accused"}


def fold(text: str) -> str:
    """Lower-case, accents removed, hyphens and dots to spaces, possessive dropped.

    >>> fold("Moon Jae-in’s"), fold("Moon Jae- inn"), fold("Tamás")
    ('moon jae in', 'moon jae inn', 'tamas')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[-‐‑–—.·]", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


NICKNAME = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|'([^']+)'(?!\w)|\(([^)]+)\)")


def nickname_forms(name: str) -> list[list[str]]:
    """The name a person goes by when the full name gives it in quotation marks or
    brackets: 'Luis Gerardo "Jerry" Ortiz' → [["jerry", "ortiz"]] (not "The Chin")."""
    surname = person_tokens(name)[-1:]
    out = []
    for m in NICKNAME.finditer(name):
        nick = fold(next(g for g in m.groups() if g)).split()
        if surname and 1 <= len(nick) <= 2 and nick[0] != "the":
            out.append(nick + surname)
    return out


def person_tokens(name: str) -> list[str]:
    """Folded name tokens without leading titles ("Mr. Varga" → ["varga"]) or a nickname
    in quotation marks or brackets ('Vincent "The Chin" Gigante' → ["vincent", "gigante"])."""
    name = re.sub(r"\s*(?:\"[^\"]*\"|“[^”]*”|‘[^’]*’|'[^']*'(?!\w)|\([^)]*\))\s*", " ", name)
    tokens = fold(name).split()
    while tokens and tokens[0] in TITLES and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens


def token_close(a: str, b: str) -> bool:
    """Two name tokens that are spellings of one another ("wladimir"/"vladimir", "un"/"one")."""
    if a == b:
        return True
    if min(len(a), len(b)) <= 1:
        return False
    return fuzz.ratio(a, b) >= 75


def same_person(a: list[str], b: list[str]) -> bool:
    """Full names that are variants of one name: same length, at most one token differs and
    that one only in spelling. "Anna Berg" vs "Anna Lind" differ in a whole
    token, so they never match (the namesake guard).

    >>> same_person(["moon", "jae", "in"], ["moon", "jae", "inn"])
    True
    >>> same_person(["anna", "berg"], ["anna", "lind"])
    False
    """
    if len(a) != len(b) or not a:
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if not differing:
        return True
    if len(differing) > 1:
        return False
    x, y = differing[0]
    if x in SUFFIXES or y in SUFFIXES:
        return False  # "jr" / "sr": father and son
    if len(a) >= 3 and x is a[-1] and max(len(x), len(y)) <= 3 and set(x) & set(y):
        return True  # garbled short given-name syllable ("Jae-in" / "Jae- inn"), rest identical
    if len(x) >= 4 and len(y) == len(x) and x[0] == y[0] and sum(p != q for p, q in zip(x, y, strict=True)) == 1:
        return True  # one transliterated letter ("Tamás"/"Tomas" once accents are folded)
    return token_close(x, y) and len(a) >= 2 and (fuzz.ratio(x, y) >= 85 or len(a) >= 3)


def is_part_of(short: list[str], full: list[str]) -> bool:
    """A shorter form that is a contiguous first or last part of a full name
    ("putin" ⊂ "vladimir putin"; "jong chon" ⊂ "pak jong chon"; "kim" ⊂ "kim jong un")."""
    if full and full[-1] in SUFFIXES:
        full = full[:-1]  # "brooks" ⊂ "darnell brooks sr"
    n = len(short)
    if not short or n >= len(full):
        return False
    if all(token_close(x, y) for x, y in zip(short, full[-n:], strict=True)):
        return True
    # the leading part of a name ("kim" of "kim jong un") only as written: a surname
    # alone must not pass for a given name spelled alike ("davis" / "david brat")
    return short == full[:n] if n == 1 else all(token_close(x, y) for x, y in zip(short, full[:n], strict=True))


SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@dataclass(frozen=True)
class NameParts:
    """A person's folded name split into given name, middle names, surname and suffix."""

    first: str
    middles: tuple[str, ...]
    last: str
    suffix: str | None


def parts(tokens: list[str]) -> NameParts | None:
    """``["marcus", "j", "hale", "jr"]`` → first "marcus", middles ("j",), last "hale",
    suffix "jr"; None when fewer than two name tokens remain.

    >>> parts(["dana", "marie", "whitfield"])
    NameParts(first='dana', middles=('marie',), last='whitfield', suffix=None)
    """
    suffix = tokens[-1] if tokens and tokens[-1] in SUFFIXES else None
    core = tokens[:-1] if suffix else tokens
    if len(core) < 2:
        return None
    return NameParts(core[0], tuple(core[1:-1]), core[-1], suffix)


@lru_cache(maxsize=1)
def _nicknames():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def given_compatible(a: str, b: str) -> bool:
    """Two given names that can name one person: equal, spelled alike, an initial of the
    other ("j"/"james") or a nickname of it ("bob"/"robert")."""
    if a == b or (min(len(a), len(b)) >= 4 and token_close(a, b)):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    nn = _nicknames()
    return b in nn.nicknames_of(a) or a in nn.nicknames_of(b)


def compatible(a: list[str], b: list[str]) -> bool:
    """Full names that may be one person written two ways: spelling variants
    (``same_person``), spacing and hyphen variants ("jean pierre"/"jeanpierre"), an added
    or dropped middle name or initial, a nickname or initial for the given name, a suffix
    written or not. Different suffixes ("jr"/"sr") or surnames never are.

    >>> compatible(["dana", "whitfield"], ["dana", "marie", "whitfield"])
    True
    >>> compatible(["marcus", "hale"], ["marcus", "j", "hale"])
    True
    >>> compatible(["darnell", "brooks", "jr"], ["darnell", "brooks", "sr"])
    False
    >>> compatible(["anna", "berg"], ["anna", "lind"])
    False
    """
    if same_person(a, b) or ("".join(a) == "".join(b) and len(a) > 1 and len(b) > 1):
        return True
    pa, pb = parts(a), parts(b)
    if pa is None or pb is None:
        return False
    if pa.suffix and pb.suffix and pa.suffix != pb.suffix:
        return False
    if pa.last != pb.last and not (min(len(pa.last), len(pb.last)) >= 5 and fuzz.ratio(pa.last, pb.last) >= 90):
        return False
    if not given_compatible(pa.first, pb.first):
        # the name a person goes by may be a middle one: "Luis Gerardo "Jerry" Ortiz" / "Jerry Ortiz"
        return (pb.first in pa.middles and not pb.middles) or (pa.first in pb.middles and not pa.middles)
    if pa.middles and pb.middles:
        x, y = pa.middles[0], pb.middles[0]
        if not (x == y or x[0] == y[0] and (len(x) == 1 or len(y) == 1)):
            return False
    return True


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """Folded alias → canonical name, from the general gazetteer (countries, bodies)."""
    data = json.loads((files("newsdesk.analyze") / "data" / "entities_aliases.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for canon, aliases in data.items():
        if canon.startswith("_"):
            continue
        table[fold(canon)] = canon
        for alias in aliases:
            table.setdefault(fold(alias), canon)
    return table


def canonical(name: str) -> str | None:
    """The gazetteer's canonical name for a place/body alias, if it has one."""
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    return alias_table().get(key)


@lru_cache(maxsize=1)
def roles() -> dict:
    return json.loads((files("newsdesk.analyze") / "data" / "entities_roles.json").read_text("utf-8"))


def role_class(word: str) -> str | None:
    """The class of a role word ("president" → "head")."""
    word = word.lower()
    for cls, words in roles()["roles"].items():
        if word in words:
            return cls
    return None
