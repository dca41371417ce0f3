"""Named-entity mentions on MEANTIME (120 Wikinews articles): P/R/F1 by type.

    python bench/entities.py

Gold: MEANTIME entity mentions whose entity instance is a person (PER), organisation
(ORG) or location (LOC), limited to *named* mentions (syntactic type NAM / PRE.NAM,
or an unlabelled mention that starts with a capital and no determiner). Ours: every
mention of a resolved entity whose surface starts with a capital letter (names, not
resolved pronouns or descriptions), typed PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC;
NORP (nationalities) are not MEANTIME entities and are left out. Relaxed = overlapping
spans of the same type; strict = identical spans. Also reported: bare spaCy NER on the
same texts (the model newsdesk builds on), so the effect of our resolution is visible.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import meantime_docs, prf  # noqa: E402

from newsdesk.analyze import analyze_articles, build_pipeline  # noqa: E402
from newsdesk.model import Article, article_id  # noqa: E402

TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their"}


def named(text: str, syntactic: str) -> bool:
    if syntactic in ("NAM", "PRE.NAM"):
        return True
    first = text.split()[0] if text.split() else ""
    return syntactic == "" and first[:1].isupper() and first.lower() not in DETERMINERS


def score(gold: list[set], pred: list[set], types: list[str]) -> dict[str, tuple[float, float, float, float, float, float]]:
    out = {}
    for t in types + ["ALL"]:
        n_g = n_p = tp_s = tp_r = 0
        for g_doc, p_doc in zip(gold, pred, strict=True):
            g = [x for x in g_doc if t in ("ALL", x[2])]
            p = [x for x in p_doc if t in ("ALL", x[2])]
            n_g, n_p = n_g + len(g), n_p + len(p)
            tp_s += len(set(g) & set(p))
            used: set = set()
            for x in p:
                hit = next((y for y in g if y not in used and y[2] == x[2] and x[0] < y[1] and y[0] < x[1]), None)
                if hit:
                    used.add(hit)
                    tp_r += 1
        out[t] = prf(tp_s, n_p, n_g) + prf(tp_r, n_p, n_g)
    return out


def main() -> None:
    docs = meantime_docs()
    nlp = build_pipeline()
    articles = [Article(article_id(d.text), d.name, d.text) for d in docs]
    t0 = time.perf_counter()
    anns = analyze_articles(articles, nlp)
    secs = time.perf_counter() - t0
    gold = [{(e.start, e.end, e.kind) for e in d.entities if e.kind in ("PER", "ORG", "LOC")
             and named(d.text[e.start:e.end], e.syntactic)} for d in docs]
    ours = []
    for d, ann in zip(docs, anns, strict=True):
        ours.append({(m.start, m.end, TYPES[e.type]) for e in ann.entities if e.type in TYPES
                     for m in e.mentions if d.text[m.start:m.start + 1].isupper()})
    bare = []
    for doc in nlp.pipe([d.text for d in docs], disable=[n for n in nlp.pipe_names if n.startswith("newsdesk_")]):
        bare.append({(e.start_char, e.end_char, TYPES[e.label_]) for e in doc.ents if e.label_ in TYPES})
    types = ["PER", "ORG", "LOC"]
    print(f"MEANTIME: {len(docs)} articles, {sum(map(len, gold))} named PER/ORG/LOC gold mentions")
    for name, pred in (("newsdesk entities", ours), ("bare spaCy NER", bare)):
        print(f"{name}:")
        res = score(gold, pred, types)
        for t in types + ["ALL"]:
            ps, rs, fs, pr, rr, fr = res[t]
            print(f"  {t:4s} strict P {ps:.3f} R {rs:.3f} F1 {fs:.3f}   relaxed P {pr:.3f} R {rr:.3f} F1 {fr:.3f}")
    print(f"speed: {len(docs) / secs:.1f} articles/s (whole analysis pipeline)")
    by_type = defaultdict(int)
    for g in gold:
        for x in g:
            by_type[x[2]] += 1
    print("gold mentions by type:", dict(by_type))


if __name__ == "__main__":
    main()
