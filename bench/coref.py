"""Entities across reports and quote speakers, on three real development sets.

    python bench/coref.py [--limit N] [--only ecbplus,gva,basil] [--no-cache]

(a) ECB+ (``stories-dev/ecbplus``): cross-document entity coreference. Each sub-topic is
    one story; its reports are analysed as they are (gold offsets index the given text)
    and merged with ``merge_entities``. Every gold *entity* mention (``kind == "entity"``)
    is mapped to the dossier entity one of whose mentions overlaps it most (ties: the
    mention whose end is nearest the gold end, English heads come last), among mentions
    that cover at least half of it or reach its end (its head: "in Palermo", "southern
    Iran"; "Paris" inside "a Paris boutique" is not the shop). B³ and pairwise
    (link) P/R/F1 are computed over gold mentions, per story, micro-averaged over
    mentions (B³) and links (pairwise). ECB+ annotates cross-document identity only for
    its cross-document chains (``cross_doc``); a chain with a document-local id was not
    linked across documents by the annotators (the same person in two documents gets two
    such chains), so the main views score the mentions of cross-document chains:
      * ``matched``: those that some dossier mention matches (how well what newsdesk
        links is linked: the issue's goal, B³ F1 >= 0.92);
      * ``named``: those that name something (the text has a capitalised word that is
        not a pronoun or article) — an unmatched one is its own singleton response
        cluster, which costs recall, never precision;
      * ``all chains``: matched mentions of every chain, document-local ones included
        (merging two local chains of one person across documents counts as an error).
(b) GVA (``stories-dev/gva``): each incident's reports go through ``clean_report`` and
    the analysis; a gold named participant is *found* in a dossier PERSON entity that has
    a multi-word alias with the participant's first and last name (suffixes and middle
    parts ignored), or whose aliases are all that surname alone when no other gold
    participant and no other full-named dossier person carries it. *Split*: found in
    more than one entity; *merged*: one entity found for two participants with
    different names. Goal: split <= 5 % of found participants.
(c) BASIL (``clustering/basil``): speaker precision on the annotators' quote spans. A
    newsdesk quote covers a gold span when it overlaps it by at least half the gold
    span. BASIL labels a speaker by the main entity it speaks for: a person
    (``Donald_Trump``), a group (``Tea_Party``, ``House_Democrats``: often a named
    member or spokesman speaks) or ``other_*`` (someone who is not a main entity). Where
    the label is a person (its last word is the surname of a person newsdesk found in
    the article) our speaker is right when its folded words contain that surname: the
    strict, verifiable figure. Otherwise our speaker is wrong when it carries the
    surname of a main-entity person other than the label, and is counted right (not
    verifiable) otherwise. Scored are speakers newsdesk resolves to a named entity;
    a speaker given as the text describes it ("the governor", "analysts") is counted
    apart. Goal: precision >= 0.95 (right / named speaker given).

Fixed split: the stories (sorted sub-topic or incident directory names; BASIL stories in
file order) are cut in two halves: ``tune`` (first) and ``report`` (second); both are
printed. The spaCy base analysis (tagger, parser, NER) is cached per data set under
``.bench/coref/`` (a DocBin keyed by the texts' hash); newsdesk's own components run
again on every call, so changes to them are measured without re-parsing.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsdesk.analyze import build_pipeline  # noqa: E402
from newsdesk.analyze.names import fold, person_tokens  # noqa: E402
from newsdesk.analyze.pipeline import COMPONENTS  # noqa: E402
from newsdesk.crossdoc.entities import merge_entities  # noqa: E402
from newsdesk.errors import InputError  # noqa: E402
from newsdesk.model import Annotations, Article, DossierEntity, Report  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / ".bench" / "coref"
PRONOUNS = {"he", "she", "it", "they", "him", "her", "his", "its", "their", "them", "we", "us", "our", "i", "me",
            "my", "you", "your", "who", "whom", "whose", "which", "that", "this", "these", "those"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


# --------------------------------------------------------------------------- analysis


def _analyse(nlp, key: str, texts: list[str], anchors: list[str | None], use_cache: bool) -> list[Annotations]:
    """Entities and quotes of each text; the spaCy base parse is cached by content."""
    from spacy.tokens import DocBin

    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"{key}-{digest}.spacy"
    if use_cache and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        with nlp.select_pipes(disable=list(COMPONENTS)):
            docs = list(nlp.pipe(texts, batch_size=16))
        if use_cache:
            CACHE.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(path)
    out = []
    for doc, anchor in zip(docs, anchors, strict=True):
        doc._.nd_anchor = anchor
        for name in ("newsdesk_entities", "newsdesk_quotes"):
            doc = nlp.get_pipe(name)(doc)
        out.append(Annotations(entities=list(doc._.nd_entities or []), quotes=list(doc._.nd_quotes or [])))
    return out


def _halves(items: list) -> tuple[list, list]:
    mid = (len(items) + 1) // 2
    return items[:mid], items[mid:]


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------- (a) ECB+


def _named(text: str) -> bool:
    words = re.findall(r"[\w'’.-]+", text)
    return any(w[:1].isupper() and w.lower() not in PRONOUNS and w.lower() not in ("the", "a", "an") for w in words)


def _locate(gold: dict, spans: list[tuple[int, int, str]]) -> str | None:
    """The dossier entity whose mention overlaps the gold mention most, among mentions
    that cover half of it or end where it ends (its head: "southern Iran", "in Palermo";
    "Paris" in "a Paris boutique" names the city, not the shop)."""
    best, key = None, (0, 0)
    g0, g1 = gold["start"], gold["end"]
    tail = gold["text"].rstrip(" ,.'’s")
    for s, e, eid in spans:
        inter = min(e, g1) - max(s, g0)
        if inter <= 0 or (inter < 0.5 * (g1 - g0) and not (g0 <= s and e >= g0 + len(tail) - 1)):
            continue
        k = (inter, -abs(e - gold["end"]))
        if k > key:
            best, key = eid, k
    return best


def coref_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """B³ and pairwise counts over mentions given as (gold chain, response cluster).

    >>> r = coref_scores([("a", "1"), ("a", "1"), ("b", "2")])
    >>> r["b3_p"], r["b3_r"], r["pair_tp"], r["pair_gold"]
    (3.0, 3.0, 1, 1)
    """
    pairs = list(pairs)
    gold_size = Counter(g for g, _ in pairs)
    resp_size = Counter(r for _, r in pairs)
    both = Counter(pairs)
    b3_p = sum(both[(g, r)] / resp_size[r] for g, r in pairs)
    b3_r = sum(both[(g, r)] / gold_size[g] for g, r in pairs)
    return {"n": len(pairs), "b3_p": b3_p, "b3_r": b3_r,
            "pair_tp": sum(c * (c - 1) // 2 for c in both.values()),
            "pair_pred": sum(c * (c - 1) // 2 for c in resp_size.values()),
            "pair_gold": sum(c * (c - 1) // 2 for c in gold_size.values())}


def _add(total: dict, part: dict) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


def ecbplus(nlp, stories: list[Path], use_cache: bool) -> dict:
    totals: dict[str, dict] = {"matched": {}, "named": {}, "all chains": {}}
    counts = Counter()
    for story in stories:
        reports = [json.loads(line) for line in (story / "reports.jsonl").read_text("utf-8").splitlines()
                   if line.strip()]
        gold = json.loads((story / "gold.json").read_text("utf-8"))
        texts = [r["text"] for r in reports]
        anns = _analyse(nlp, f"ecbplus-{story.name}", texts, [None] * len(texts), use_cache)
        articles = [Article(f"{story.name}-{i}", r["url"], r["text"], annotations=a)
                    for i, (r, a) in enumerate(zip(reports, anns, strict=True))]
        entities, _ = merge_entities(articles)
        spans = _spans_by_article(entities)
        matched, named, local = [], [], []
        for doc in gold["docs"]:
            aid = f"{story.name}-{doc['line']}"
            for m in doc["mentions"]:
                if m["kind"] != "entity":
                    continue
                eid = _locate(m, spans.get(aid, []))
                if not m["cross_doc"]:  # a chain annotated inside one document only
                    if eid is not None:
                        local.append((m["chain"], eid))
                    continue
                counts["gold"] += 1
                if eid is not None:
                    matched.append((m["chain"], eid))
                is_named = _named(m["text"])
                counts["named"] += is_named
                counts["matched"] += eid is not None
                counts["named_matched"] += is_named and eid is not None
                if is_named:
                    named.append((m["chain"], eid or f"single:{aid}:{m['id']}"))
        _add(totals["matched"], coref_scores(matched))
        _add(totals["named"], coref_scores(named))
        _add(totals["all chains"], coref_scores(matched + local))
    return {"stories": len(stories), "counts": dict(counts), **totals}


def _spans_by_article(entities: list[DossierEntity]) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            out[m.article].append((m.start, m.end, e.id))
    return out


def _print_coref(label: str, r: dict) -> None:
    c = r["counts"]
    print(f"  {label}: {r['stories']} stories, {c.get('gold', 0)} gold entity mentions in cross-document chains, "
          f"{c.get('matched', 0)} matched by a dossier mention; {c.get('named', 0)} naming ones, "
          f"{c.get('named_matched', 0)} of them matched")
    for view in ("matched", "named", "all chains"):
        t = r[view]
        if not t.get("n"):
            continue
        bp, br, bf = _prf(t["b3_p"], t["n"], t["b3_r"], t["n"])
        pp, pr, pf = _prf(t["pair_tp"], t["pair_pred"], t["pair_tp"], t["pair_gold"])
        print(f"    {view:10s} B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f}   pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f}"
              f"   ({t['n']} mentions; links {t['pair_tp']} right / {t['pair_pred']} made / {t['pair_gold']} gold)")


# --------------------------------------------------------------------------- (b) GVA


def _core(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in SUFFIXES]


def _full_alias_match(alias: str, first: str, last: str, suffix: str | None = None,
                      claimed: frozenset[str] = frozenset()) -> bool:
    """An alias naming the participant: same first and last name; where another
    participant shares them (father and son), the suffix decides ("Jr" / none)."""
    toks = person_tokens(alias)
    own = toks[-1] if toks and toks[-1] in SUFFIXES else None
    core = _core(toks)
    if len(core) < 2 or core[0] != first or core[-1] != last:
        return False
    if not claimed:
        return True
    return own == suffix or (suffix is None and own not in claimed)


def gva(nlp, incidents: list[Path], use_cache: bool) -> dict:
    from newsdesk.clean import clean_report
    from newsdesk.settings import Settings

    settings = Settings()
    counts = Counter()
    examples: list[str] = []
    for incident in incidents:
        gold = json.loads((incident / "gold.json").read_text("utf-8"))
        articles = []
        for i, line in enumerate((incident / "reports.jsonl").read_text("utf-8").splitlines()):
            r = json.loads(line)
            meta = {k: r.get(k) for k in ("title", "url", "published") if r.get(k)}
            try:
                articles.append(clean_report(Report(f"{incident.name}-{i}", r["text"], "text", meta), settings))
            except InputError:
                counts["reports_rejected"] += 1
        anchors = [a.published.date().isoformat() if a.published else None for a in articles]
        anns = _analyse(nlp, f"gva-{incident.name}", [a.text for a in articles], anchors, use_cache)
        for a, ann in zip(articles, anns, strict=True):
            a.annotations = ann
        entities, _ = merge_entities(articles)
        persons = [e for e in entities if e.type == "PERSON"]
        people = []
        for p in gold["participants"]:
            full = person_tokens(p.get("name") or "")
            toks = _core(full)
            if len(toks) >= 2:
                people.append((p["name"], toks[0], toks[-1], full[-1] if full[-1] in SUFFIXES else None))
        names = {n for n, *_ in people}
        surnames = Counter(last for _, _, last, _ in {tuple(x) for x in people})
        found_in: dict[str, set[str]] = defaultdict(set)
        for name, first, last, suffix in people:
            claimed = frozenset(s or "" for n, f, la, s in people if n != name and (f, la) == (first, last))
            for e in persons:
                forms = [e.name, *e.aliases]
                if any(_full_alias_match(f, first, last, suffix, claimed) for f in forms):
                    found_in[name].add(e.id)
                    continue
                short = {" ".join(_core(person_tokens(f))) for f in forms}
                if short == {last} and surnames[last] == 1 and not any(
                        o.id != e.id and not any(_full_alias_match(f, first, last) for f in [o.name, *o.aliases])
                        and any(len(t := _core(person_tokens(f))) >= 2 and t[-1] == last for f in [o.name, *o.aliases])
                        for o in persons):
                    found_in[name].add(e.id)
        counts["participants"] += len(names)
        counts["found"] += len(found_in)
        for name, ids in found_in.items():
            if len(ids) > 1:
                counts["split"] += 1
                if len(examples) < 12:
                    forms = [sorted({e.name, *e.aliases}) for e in persons if e.id in ids]
                    examples.append(f"split   {incident.name}: {name} -> {forms}")
        owners: dict[str, set[str]] = defaultdict(set)
        for name, ids in found_in.items():
            for i in ids:
                owners[i].add(fold(name))  # two participants of one name (no suffix) count once
        for eid, who in owners.items():
            if len(who) > 1:
                counts["merged"] += 1
                if len(examples) < 24:
                    examples.append(f"merged  {incident.name}: {eid} holds {sorted(who)}")
    return {"incidents": len(incidents), "counts": dict(counts), "examples": examples}


def _print_gva(label: str, r: dict, verbose: bool) -> None:
    c = r["counts"]
    found = c.get("found", 0)
    print(f"  {label}: {r['incidents']} incidents, {c.get('participants', 0)} named participants, "
          f"{found} found in the dossiers; split over several entities {c.get('split', 0)} "
          f"({c.get('split', 0) / max(found, 1):.1%}); entities wrongly merging two participants "
          f"{c.get('merged', 0)}")
    if verbose:
        for line in r["examples"]:
            print("     ", line)


# --------------------------------------------------------------------------- (c) BASIL


def basil(nlp, articles: list[dict], use_cache: bool) -> dict:
    texts = [a["text"] for a in articles]
    anns = _analyse(nlp, "basil", texts, [a.get("date") for a in articles], use_cache) if texts else []
    counts = Counter()
    examples: list[str] = []
    for art, ann in zip(articles, anns, strict=True):
        surnames = {t[-1] for e in ann.entities if e.type == "PERSON" and len(t := fold(e.name).split()) >= 2}
        mains = {fold(n).split()[-1] for n in art.get("main_entities") or [] if fold(n)} & surnames
        for q in art["quotes"]:
            counts["gold"] += 1
            g0, g1 = q["text_start"], q["text_end"]
            cover = [x for x in ann.quotes
                     if min(x.end, g1) - max(x.start, g0) >= 0.5 * (g1 - g0)]
            if not cover:
                continue
            counts["covered"] += 1
            ours = next((x for x in cover if x.speaker), None)
            if ours is None:
                continue
            if ours.speaker_entity is None:
                counts["described"] += 1  # "the governor", "analysts": named by description, not checked
                continue
            words = set(fold(ours.speaker).split())
            label = q["speaker"]
            last = fold(label.replace("_", " ")).split()[-1]
            if not label.startswith("other_") and last in surnames:
                counts["person_attributed"] += 1
                ok = last in words
                counts["person_ok"] += ok
            else:
                counts["other_attributed"] += 1
                ok = not (words & (mains - {last}))
                counts["other_ok"] += ok
            if not ok and len(examples) < 15:
                examples.append(f"{label} <- {ours.speaker!r} ({art['text'][g0:g1][:60]!r})")
    return {"articles": len(articles), "counts": dict(counts), "examples": examples}


def _print_basil(label: str, r: dict, verbose: bool) -> None:
    c = r["counts"]
    na, no = c.get("person_attributed", 0), c.get("person_ok", 0)
    oa, oo = c.get("other_attributed", 0), c.get("other_ok", 0)
    print(f"  {label}: {r['articles']} articles, {c.get('gold', 0)} gold quote spans, {c.get('covered', 0)} "
          f"covered by a newsdesk quote, {na + oa} given a named speaker, {c.get('described', 0)} a description")
    print(f"    speaker precision where the gold speaker is a named person: {no}/{na} = {no / max(na, 1):.3f};  "
          f"all (group or unnamed gold speaker: wrong only when given to another main person): "
          f"{no + oo}/{na + oa} = {(no + oo) / max(na + oa, 1):.3f}")
    if verbose:
        for line in r["examples"]:
            print("     ", line)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> dict:
    """Run the three measures on both halves; print them and return the raw counts.

    ``argv``: command-line arguments (``None`` reads ``sys.argv``; another script calls
    ``main([])`` or ``main(["--limit", "5"])``). Returns ``{"ecbplus/tune": {...},
    "ecbplus/report": ..., "gva/tune": ..., "basil/report": ...}``: per half, the counts
    printed (B³ sums and link counts per view; participants found/split/merged; quote
    spans covered and speakers right)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="at most N stories per half and data set")
    ap.add_argument("--only", default="ecbplus,gva,basil")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="show split/merged participants, wrong speakers")
    args = ap.parse_args(argv)
    use_cache = not args.no_cache
    only = set(args.only.split(","))
    nlp = build_pipeline()
    cut = (lambda xs: xs[:args.limit]) if args.limit else (lambda xs: xs)
    results: dict = {}
    t0 = time.perf_counter()
    if "ecbplus" in only:
        stories = sorted((p for p in (args.data / "stories-dev" / "ecbplus").iterdir() if p.is_dir()),
                         key=lambda p: p.name)
        print("(a) ECB+ cross-document entity coreference")
        for label, half in zip(("tune", "report"), _halves(stories), strict=True):
            r = results[f"ecbplus/{label}"] = ecbplus(nlp, cut(half), use_cache)
            _print_coref(label, r)
    if "gva" in only:
        incidents = sorted((p for p in (args.data / "stories-dev" / "gva").iterdir() if p.is_dir()),
                           key=lambda p: p.name)
        print("(b) GVA named participants")
        for label, half in zip(("tune", "report"), _halves(incidents), strict=True):
            r = results[f"gva/{label}"] = gva(nlp, cut(half), use_cache)
            _print_gva(label, r, args.verbose)
    if "basil" in only:
        with gzip.open(args.data / "clustering" / "basil" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
            arts = [json.loads(line) for line in fh if line.strip()]
        order = list(dict.fromkeys(a["story"] for a in arts))
        print("(c) BASIL quote speakers")
        for label, half in zip(("tune", "report"), _halves(order), strict=True):
            keep = set(cut(half))
            r = results[f"basil/{label}"] = basil(nlp, [a for a in arts if a["story"] in keep], use_cache)
            _print_basil(label, r, args.verbose)
    print(f"({time.perf_counter() - t0:.0f} s)")
    return results


if __name__ == "__main__":
    main()
