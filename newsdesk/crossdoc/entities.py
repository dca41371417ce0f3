"""Entities across reports: one entity per real person, organisation or place.

Per-article entities (already resolved inside each article) are merged by name:
gazetteer aliases ("DPRK" -> North Korea), spelling variants of whole names
("Tamás Varga" / "Tomas Varga", "Moon Jae- in" / "Moon Jae-in") and a
surname-only name attached only when exactly one full name fits. Two people who
share a first name or a surname never merge: a full name joins another only when
every token matches in spelling (``names.same_person``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from newsdesk.analyze.names import canonical, fold, is_part_of, person_tokens, same_person
from newsdesk.crossdoc.nameindex import NameIndex
from newsdesk.model import Article, DossierEntity, EntityMentionRef

PLACE_LIKE = {"GPE", "LOC", "FAC"}


class _Group:
    def __init__(self, type_: str) -> None:
        self.type = type_
        self.names: Counter[str] = Counter()
        self.aliases: dict[str, None] = {}
        self.mentions: list[EntityMentionRef] = []
        self.tokens: list[list[str]] = []
        self.members: list[tuple[str, str]] = []  # (article id, local entity id)

    @property
    def name(self) -> str:
        # The most frequent full form; among persons, the longest most-frequent name.
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))[0]


def _type_family(t: str) -> str:
    return "PLACE" if t in PLACE_LIKE else t


def merge_entities(articles: list[Article]) -> tuple[list[DossierEntity], dict[tuple[str, str], str]]:
    """Dossier entities and a map (article id, local entity id) -> dossier entity id."""
    groups: list[_Group] = []
    by_key: dict[tuple[str, str], _Group] = {}
    persons: list[_Group] = []
    pending_short: list[tuple[Article, object]] = []
    index = NameIndex()  # full names by "all tokens but one": candidates for same_person

    for article in articles:
        if not article.annotations:
            continue
        for ent in article.annotations.entities:
            if ent.type == "PERSON":
                toks = person_tokens(ent.name)
                if len(toks) < 2:
                    pending_short.append((article, ent))
                    continue
                slot = next((k for k in index.candidates(toks)
                             if any(same_person(toks, t) for t in persons[k].tokens)), None)
                if slot is None:
                    slot = len(persons)
                    persons.append(_Group("PERSON"))
                    groups.append(persons[slot])
                group = persons[slot]
                if toks not in group.tokens:  # a name repeated in every report is kept once
                    group.tokens.append(toks)
                    index.add(toks, slot)
            else:
                canon = canonical(ent.name) or ent.name
                key = (_type_family(ent.type), fold(canon).removeprefix("the "))
                group = by_key.get(key)
                if group is None:
                    group = by_key[key] = _Group(ent.type)
                    groups.append(group)
                group.names[canon] += 0  # canonical spelling is a candidate name
            _absorb(group, article, ent)

    for article, ent in pending_short:
        toks = person_tokens(ent.name)
        fits = [g for g in persons if any(is_part_of(toks, t) for t in g.tokens)]
        if len(fits) == 1:
            group = fits[0]
        else:  # unknown or ambiguous surname: its own entity, never a guess
            group = next((g for g in persons if not g.tokens and fold(g.name) == fold(ent.name)), None)
            if group is None:
                group = _Group("PERSON")
                persons.append(group)
                groups.append(group)
        _absorb(group, article, ent)

    out: list[DossierEntity] = []
    local: dict[tuple[str, str], str] = {}
    groups.sort(key=lambda g: (-len(g.mentions), g.name))
    for k, g in enumerate(groups, 1):
        eid = f"E{k}"
        types = Counter(t for t in [g.type])
        out.append(DossierEntity(eid, g.name, types.most_common(1)[0][0], list(g.aliases),
                                 sorted(g.mentions, key=lambda m: (m.article, m.start))))
        for member in g.members:
            local[member] = eid
    return out, local


def _absorb(group: _Group, article: Article, ent) -> None:
    group.names[ent.name] += len(ent.mentions) or 1
    for alias in [ent.name, *ent.aliases]:
        group.aliases.setdefault(alias, None)
    group.mentions.extend(EntityMentionRef(article.id, m.start, m.end, m.text) for m in ent.mentions)
    group.members.append((article.id, ent.id))


def entity_names(entities: list[DossierEntity]) -> dict[str, str]:
    return {e.id: e.name for e in entities}


def mentions_by_article(entities: list[DossierEntity]) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            out[m.article].append((m.start, m.end, e.id))
    return out
