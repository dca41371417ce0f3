"""Quote speakers of a dossier against hand labels (``bench/labels/speakers.jsonl``).

Used by ``bench/dossier_quality.py``: ``dump_items`` gives the speaker of every
rendering of every dossier quote with the text around it (written by ``--dump`` for
labelling), ``Tally.add`` scores a dossier's renderings against the labels.

A label names the true speaker of one rendering (``gold``: the person, organisation or
body as the text names or describes it, or null when the text names no speaker or the
span is no statement) and judges the speaker shown when it was labelled (``shown``,
``label``: right / wrong). A rendering whose speaker is still ``shown`` keeps that
judgment; one whose speaker changed since is right when it names ``gold`` (the same
folded words, one of the ``accept`` forms, or the same surname) and wrong otherwise.
Precision = right / renderings given a speaker among the labelled ones; "found" =
right / labelled renderings that have a gold speaker (how many still get one).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.analyze.names import fold, person_tokens
from newsdesk.model import Article, Dossier

CONTEXT = 260  # characters shown before and after a quote in the dump


def speaker_key(article_id: str, text: str) -> str:
    """Stable key of one rendering: its article (first 8 characters of the id) and words."""
    return f"{article_id[:8]}|{' '.join(text.split())[:200]}"


def dump_items(dossier: Dossier, articles: list[Article]) -> list[dict]:
    """Every rendering of every dossier quote: key, speaker shown, quote and context.
    ``sample`` ranks them by a hash of the key (label the lowest first)."""
    by_id = {a.id: a for a in articles}
    out = []
    for q in dossier.quotes:
        for r in q.renderings:
            text = by_id[r.article].text
            key = speaker_key(r.article, r.text)
            out.append({"key": key, "quote": q.id, "speaker": q.speaker.name, "entity": q.speaker.entity,
                        "direct": r.direct, "cue": r.cue,
                        "context": " ".join(text[max(0, r.start - CONTEXT):r.start].split()) + " [[" +
                        " ".join(text[r.start:r.end].split()) + "]] " +
                        " ".join(text[r.end:r.end + CONTEXT].split()),
                        "sample": hashlib.sha1(key.encode()).hexdigest()[:6]})
    return sorted(out, key=lambda x: x["sample"])


def names_gold(speaker: str, rec: dict) -> bool:
    """Whether ``speaker`` names the labelled true speaker."""
    gold = rec.get("gold")
    if not gold:
        return False
    said = fold(speaker)
    if said in {fold(gold), *(fold(a) for a in rec.get("accept", []))}:
        return True
    mine, theirs = person_tokens(speaker), person_tokens(gold)
    return bool(mine and theirs and len(theirs) >= 2 and mine[-1] == theirs[-1] and gold[:1].isupper())


@dataclass
class Tally:
    """Counts over the labelled renderings of all dossiers seen."""

    counts: Counter = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    def add(self, story: str, dossier: Dossier, labels: dict[tuple[str, str, str], dict]) -> None:
        for q in dossier.quotes:
            for r in q.renderings:
                rec = labels.get((story, "speaker", speaker_key(r.article, r.text)))
                if rec is None:
                    continue
                self.counts["labelled"] += 1
                self.counts["with gold speaker"] += bool(rec.get("gold"))
                name = q.speaker.name
                if not name:
                    continue
                self.counts["given"] += 1
                if fold(name) == fold(rec.get("shown") or ""):
                    ok = rec["label"] == "right"
                else:
                    ok = names_gold(name, rec)
                self.counts["right"] += ok
                if not ok:
                    self.wrong.append(f"{story}: {name!r} for {r.text[:60]!r} (gold {rec.get('gold')!r})")

    def lines(self) -> list[str]:
        c = self.counts
        p = c["right"] / c["given"] if c["given"] else 0.0
        f = c["right"] / c["with gold speaker"] if c["with gold speaker"] else 0.0
        return [f"quote speakers (hand labels, {c['labelled']} renderings): precision {p:.3f} "
                f"({c['right']}/{c['given']} given a speaker); right speaker found for "
                f"{c['right']}/{c['with gold speaker']} = {f:.3f} of those with a speaker in the text"]
