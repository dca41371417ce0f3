"""Entities across reports: one entity per real person, organisation or place.

Per-article entities (already resolved inside each article) are merged by name:
gazetteer aliases ("DPRK" -> North Korea), spelling variants of whole names
("Tamás Varga" / "Tomas Varga", "Moon Jae- in" / "Moon Jae-in"), then the variants a
reporter writes for one person — a middle name or initial added or dropped, a nickname,
a suffix ("Jr.") — when the story offers no other person they could be: every name of
such a family of variants must be compatible with every other (``names.compatible``)
and no report may name two of them as different people ("Darnell Brooks" and his
father "Darnell Brooks Sr." in one article). A surname alone joins a full name only
when exactly one fits. An entity has one type: a name that is a person's name in one
report is that person in all (no ORG or FAC twin).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from newsdesk.analyze.names import (
    SUFFIXES,
    canonical,
    compatible,
    fold,
    is_part_of,
    nickname_forms,
    parts,
    person_tokens,
    same_person,
)
from newsdesk.crossdoc.namekeys import KeyIndex, person_keys, surname_keys, token_keys
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
        self.types: Counter[str] = Counter()  # mentions per type the articles gave
        self.dead = False  # joined into another group

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
    by_person_key: KeyIndex[_Group] = KeyIndex()  # full-name variants are looked up by name key

    for article in articles:
        if not article.annotations:
            continue
        for ent in article.annotations.entities:
            if ent.type == "PERSON":
                toks = person_tokens(ent.name)
                if parts(toks) is None:  # "Shine", "Shine Jr.": a surname alone
                    pending_short.append((article, ent))
                    continue
                group = next((g for g in by_person_key.candidates(person_keys(toks))
                              if any(same_person(toks, t) for t in g.tokens)), None)
                if group is None:
                    group = _Group("PERSON")
                    persons.append(group)
                    groups.append(group)
                added = [toks] + [f for alias in {ent.name, *ent.aliases} for f in nickname_forms(alias)]
                for t in added:
                    if t not in group.tokens:
                        group.tokens.append(t)
                        by_person_key.add(group, person_keys(t))
            else:
                canon = canonical(ent.name) or ent.name
                key = (_type_family(ent.type), fold(canon).removeprefix("the "))
                group = by_key.get(key)
                if group is None:
                    group = by_key[key] = _Group(ent.type)
                    groups.append(group)
                group.names[canon] += 0  # canonical spelling is a candidate name
            _absorb(group, article, ent)

    _merge_variants(persons, groups, articles)

    by_part: KeyIndex[_Group] = KeyIndex()  # full names by their first and last tokens
    for g in persons:
        for t in g.tokens:
            core = t[:-1] if len(t) > 1 and t[-1] in SUFFIXES else t
            by_part.add(g, [k for tok in core[:1] + core[-1:] for k in [("tok", tok), *token_keys(tok)]])
    lone: dict[str, _Group] = {}  # surnames alone that fit no one (or several), by folded name
    for article, ent in pending_short:
        toks = person_tokens(ent.name)
        suffix = toks[-1] if len(toks) > 1 and toks[-1] in SUFFIXES else None
        core = toks[:-1] if suffix else toks
        keys = [k for tok in core[:1] + core[-1:] for k in [("tok", tok), *token_keys(tok)]]
        fits = [g for g in by_part.candidates(keys)
                if any(is_part_of(core, t) and (suffix is None or t[-1] == suffix) for t in g.tokens)]
        if len(fits) == 1:
            group = fits[0]
        else:  # unknown or ambiguous surname: its own entity, never a guess
            group = lone.get(fold(ent.name))
            if group is None:
                group = lone[fold(ent.name)] = _Group("PERSON")
                persons.append(group)
                groups.append(group)
        _absorb(group, article, ent)

    _unify_names(persons, groups)
    _unify_types(persons, groups)

    out: list[DossierEntity] = []
    local: dict[tuple[str, str], str] = {}
    groups.sort(key=lambda g: (-len(g.mentions), g.name))
    for k, g in enumerate(groups, 1):
        eid = f"E{k}"
        type_ = "PERSON" if g.type == "PERSON" else g.types.most_common(1)[0][0] if g.types else g.type
        out.append(DossierEntity(eid, g.name, type_, list(g.aliases),
                                 sorted(g.mentions, key=lambda m: (m.article, m.start))))
        for member in g.members:
            local[member] = eid
    return out, local


def _merge_variants(persons: list[_Group], groups: list[_Group], articles: list[Article]) -> None:
    """Fold full-name variants of one person into one group (in place).

    Groups sharing a surname form a compatibility graph; a connected set merges only
    when every pair in it is compatible and no article keeps two of them apart."""
    apart: set[frozenset[int]] = set()
    where: dict[tuple[str, str], int] = {}
    for k, g in enumerate(persons):
        for member in g.members:
            where[member] = k
    for article in articles:
        ids = sorted({where[(article.id, e.id)] for e in (article.annotations.entities if article.annotations else [])
                      if (article.id, e.id) in where})
        apart.update(frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:])
    by_last: dict[str, list[int]] = defaultdict(list)
    for k, g in enumerate(persons):
        lasts = {p.last for t in g.tokens if (p := parts(t)) is not None}
        for last in lasts:
            by_last[last].append(k)
    parent = list(range(len(persons)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def fits(a: int, b: int) -> bool:
        return frozenset((a, b)) not in apart and any(
            compatible(x, y) for x in persons[a].tokens for y in persons[b].tokens)

    for members in by_last.values():
        members = sorted(set(members))
        if len(members) < 2:
            continue
        edges = {k: [j for j in members if j != k and fits(k, j)] for k in members}
        seen: set[int] = set()
        for k in members:
            if k in seen or not edges[k]:
                continue
            component, stack = set(), [k]
            while stack:
                x = stack.pop()
                if x not in component:
                    component.add(x)
                    stack.extend(edges[x])
            seen |= component
            if all(j in edges[i] for i in component for j in component if i != j):
                first = min(component)
                for j in component:
                    parent[root(j)] = root(first)
    merged: dict[int, _Group] = {}
    for k, g in enumerate(persons):
        r = root(k)
        if r == k:
            merged[k] = g
            continue
        target = merged.setdefault(r, persons[r])
        target.names.update(g.names)
        target.aliases.update(g.aliases)
        target.mentions.extend(g.mentions)
        target.tokens.extend(g.tokens)
        target.members.extend(g.members)
        g.dead = True
    groups[:] = [g for g in groups if not g.dead]
    persons[:] = [g for k, g in enumerate(persons) if root(k) == k]


def _join(target: _Group, g: _Group) -> None:
    target.names.update({n: c for n, c in g.names.items() if c} or g.names)
    target.aliases.update(g.aliases)
    target.mentions.extend(g.mentions)
    target.members.extend(g.members)
    target.types.update(g.types)
    g.dead = True  # the callers drop dead groups from their lists when they are done


GENERIC_HEADS = {"corp", "corporation", "inc", "co", "company", "ltd", "llc", "plc", "group", "island", "islands",
                 "province", "county", "department", "dept", "police", "office", "foods", "international"}


def _family(g: _Group) -> str:
    return _type_family(g.types.most_common(1)[0][0] if g.types else g.type)


def _unify_names(persons: list[_Group], groups: list[_Group]) -> None:
    """One name, one entity, one type: groups that only the type the tagger gave keeps
    apart ("Sukanya" as a place in one report and a person in another; a surname alone
    tagged ORG) join the one with most mentions (a person on a tie); an organisation's
    short form joins its only long form ("Red Sox" / "Boston Red Sox", "Qeshm" / "Qeshm
    Island"); a name spelled two ways joins its only close spelling (ratio >= 90)."""
    by_name: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        if g.type == "PERSON" and g.tokens:
            continue  # full names: handled by the variant and type merges
        by_name[fold(g.name).removeprefix("the ")].append(g)
    for same in by_name.values():
        if len(same) < 2:
            continue
        target = max(same, key=lambda g: (len(g.mentions), g.type == "PERSON"))
        if any(g.type == "PERSON" for g in same) and target.type != "PERSON":
            target.type = target.types.most_common(1)[0][0]
        for g in same:
            if g is not target:
                _join(target, g)
    groups[:] = [g for g in groups if not g.dead]
    surnames: dict[str, list[_Group]] = defaultdict(list)
    for g in persons:
        for last in {p.last for t in g.tokens if (p := parts(t)) is not None}:
            surnames[last].append(g)
    for g in groups:
        key = fold(g.name).split()
        if g.type == "PERSON" or len(key) != 1 or (g.type in ("GPE", "NORP") and canonical(g.name)):
            continue
        owners = surnames.get(key[0], [])
        if len(owners) == 1:  # "Chohan" as a facility beside the only "Raj Chohan"
            _join(owners[0], g)
    groups[:] = [g for g in groups if not g.dead]
    named = [g for g in groups if g.type != "PERSON" or not g.tokens]
    names = {id(g): fold(g.name).removeprefix("the ").split() for g in named}
    # every name filed under each of its leading and trailing word runs, so that a short
    # form finds the longer names that begin or end with it without a scan of all names
    runs: dict[tuple[str, tuple[str, ...]], list[_Group]] = defaultdict(list)
    for h in named:
        words = names[id(h)]
        for n in range(1, len(words)):
            runs[("tail", tuple(words[-n:]))].append(h)
            runs[("head", tuple(words[:n]))].append(h)
    for g in named:
        short = names[id(g)]
        if not short or g.dead:
            continue
        found = {id(h): h for h in runs.get(("tail", tuple(short)), []) + runs.get(("head", tuple(short)), [])}
        longer = [h for h in found.values() if h is not g and not h.dead and len(names[id(h)]) > len(short) and (
            # "Red Sox" / "Boston Red Sox", "Jaguars" / "Jacksonville Jaguars"
            (names[id(h)][-len(short):] == short and g.type in ("ORG", "PERSON") and h.type in ("ORG", "FAC"))
            # "Qeshm" / "Qeshm Island", "Microsoft" / "Microsoft Corp."
            or (names[id(h)][:len(short)] == short and set(names[id(h)][len(short):]) <= GENERIC_HEADS
                and _family(g) == _family(h)))]
        if len(longer) == 1:
            _join(longer[0], g)
    groups[:] = [g for g in groups if not g.dead]
    # spelling variants of one name ("Turkmenistan" / "Turkeminstan", "Recognised" / "Recognized"):
    # looked up by the first letter with the next three or the last four letters (a
    # ratio of 90 leaves one of the two runs intact in names of 8+ letters)
    named = [g for g in groups if g.type != "PERSON" or not g.tokens]
    keys = {id(g): " ".join(fold(g.name).removeprefix("the ").split()) for g in named}
    spelled: KeyIndex[_Group] = KeyIndex()
    for h in named:
        spelled.add(h, _spelling_keys(keys[id(h)]))
    for g in named:
        if g.dead or len(keys[id(g)]) < 8:
            continue
        close = [h for h in spelled.candidates(_spelling_keys(keys[id(g)]))
                 if h is not g and not h.dead and _family(h) == _family(g)
                 and keys[id(h)][:1] == keys[id(g)][:1] and fuzz.ratio(keys[id(g)], keys[id(h)]) >= 90]
        if len(close) == 1:
            _join(close[0], g)
    groups[:] = [g for g in groups if not g.dead]
    persons[:] = [g for g in persons if not g.dead]


def _spelling_keys(key: str) -> list[tuple[str, str]]:
    return [("head", key[:4]), ("tail", key[:1] + key[-4:])]


def _unify_types(persons: list[_Group], groups: list[_Group]) -> None:
    """A non-person entity whose name is a person's full name in the story, or a variant
    of exactly one (the tagger called a suspect an ORG or a FAC in one report), joins
    that person."""
    full: dict[str, _Group] = {}
    by_surname: KeyIndex[tuple[str, _Group]] = KeyIndex()
    for g in persons:
        for toks in g.tokens:
            if len(toks) >= 2 and " ".join(toks) not in full:
                full[" ".join(toks)] = g
                by_surname.add((" ".join(toks), g), surname_keys(toks))
    for g in groups:
        if g.type == "PERSON" or not g.names:
            continue
        # any of its names may be the person's ("Kafoury" and "Madeline Kafoury" tagged ORG)
        fits: dict[int, _Group] = {}
        for name in dict.fromkeys([g.name, *g.aliases]):
            toks = person_tokens(name)
            person = full.get(" ".join(toks))
            if person is not None:
                fits[id(person)] = person
            elif len(toks) >= 2:
                fits.update({id(p): p for key, p in by_surname.candidates(surname_keys(toks))
                             if compatible(toks, key.split())})
        if len(fits) == 1:
            _join(next(iter(fits.values())), g)
    groups[:] = [g for g in groups if not g.dead]
    persons[:] = [g for g in persons if not g.dead]


def _absorb(group: _Group, article: Article, ent) -> None:
    group.types[ent.type] += len(ent.mentions) or 1
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
