"""Quote extraction and speaker attribution on the PolNeAR test split.

    python bench/quotes.py [--data ../shared/data/polnear-test]

Gold: brat attributions (Source, Cue, Content). One annotation file per article (the
first in name order where an article was annotated twice). A discontinuous Content
("“X,” he said. “Y.”") is split into its pieces, joining pieces that only whitespace
separates; each piece is one gold span. A predicted quote matches a gold span when their
character overlap is at least 0.3 of the *longer* of the two (a symmetric, stricter
reading of the ">= 0.3 overlap" used by the Gender Gap Tracker; also shown: 0.8, and the
looser reading, overlap of at least 0.3 of the gold span); matching is greedy and
one-to-one. A quote that newsdesk places inside another's content (``Quote.within``: a
quoted fragment inside a reported clause) is scored as part of it: PolNeAR annotates
the outer attribution only.

Reported: precision, recall and F1 over all gold spans; per attribution (found when any
of its pieces is); on statements — gold spans that contain a quotation or whose cue is
one of 16 verbs of saying (``SPEECH_CUE``, fixed here), against newsdesk's
``kind="statement"`` quotes — the task the Gender Gap Tracker measures; and speaker
accuracy over matched quotes with a gold Source: right when our speaker span overlaps
the gold Source span, or our resolved name carries the surname the gold Source text
gives (``surname``). "Named speakers" counts only the second, over gold sources that
name someone.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import prf  # noqa: E402

from newsdesk.analyze import analyze_articles, build_pipeline  # noqa: E402
from newsdesk.analyze.names import fold  # noqa: E402
from newsdesk.model import Article, article_id  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear-test"
SPAN = re.compile(r"^(T\d+)\t(\w[\w-]*) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
EVENT = re.compile(r"^E\d+\t(.*)$")


def load(data: Path) -> list[tuple[str, str, list[dict]]]:
    docs = []
    seen: set[str] = set()
    for ann in sorted((data / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if stem in seen or not (data / "text" / f"{stem}.txt").exists():
            continue
        seen.add(stem)
        text = (data / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
        relations = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            m = SPAN.match(line)
            if m:
                spans[m[1]] = (m[2], fragments(text, m[3]), m[4])
                continue
            m = EVENT.match(line)
            if m:
                relations.append(dict(part.split(":", 1) for part in m[1].split()[1:] if ":" in part))
        gold = []
        for number, rel in enumerate(relations):
            content = spans.get(rel.get("Content", ""))
            if not content:
                continue
            source = spans.get(rel.get("Source", ""))
            src = (source[1][0][0], source[1][-1][1], source[2]) if source else None
            cue = spans.get(rel.get("Cue", ""))
            for start, end in content[1]:
                gold.append({"start": start, "end": end, "source": src, "cue": cue[2] if cue else "",
                             "relation": number})
        docs.append((stem, text, gold))
    return docs


def fragments(text: str, offsets: str) -> list[tuple[int, int]]:
    """Brat offsets "a b;c d" as spans, joining pieces that only whitespace separates.

    A quote split by its attribution ("“X,” he said. “Y.”") stays two units: each is a
    quotation a reader (and newsdesk) sees on its own.
    """
    pieces = sorted((int(a), int(b)) for a, b in (part.split() for part in offsets.split(";")))
    out = [pieces[0]]
    for start, end in pieces[1:]:
        if not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int], of_gold: bool = False) -> float:
    """Character overlap over the longer span (symmetric), or over the gold span ``b``."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(b[1] - b[0], 1) if of_gold else inter / max(a[1] - a[0], b[1] - b[0], 1)


def surname(text: str) -> str | None:
    """The name a gold source text gives: the last word of the last run of capitalised
    words among its first six words before any comma ("Chris Weston, chief strategist at
    IG Ltd." -> "weston", "Republican pollster Bill McInturff" -> "mcinturff"); None for
    pronouns and descriptions ("he", "the campaign")."""
    head = re.sub(r"[’']s\b", "", text.split(",")[0])
    skip = {"he", "she", "they", "it", "we", "i", "the", "a", "an", "his", "her", "its", "their", "our",
            "mr", "mrs", "ms", "dr", "this", "that", "these", "those", "who", "which"}
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[\w.'-]+", head)[:6]:
        if word[:1].isupper() and fold(word).strip(".") not in skip:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    names = [r for r in runs if r]
    return fold(names[-1][-1]).strip(".") if names else None


# What the Gender Gap Tracker extracts: statements. A gold attribution is one when its
# content is (or contains) a quotation, or its cue is one of these verbs of saying
# (fixed here, independently of newsdesk's own cue lexicon).
SPEECH_CUE = re.compile(r"\b(?:say|says|said|saying|tells?|told|telling|add|adds|added|adding|writes?|wrote|"
                        r"written|writing|stated?|states|stating|notes?|noted|noting|explain(?:s|ed|ing)?|"
                        r"ask(?:s|ed|ing)?|announc(?:e|es|ed|ing)|claim(?:s|ed|ing)?|insist(?:s|ed|ing)?|"
                        r"argu(?:e|es|ed|ing)|warn(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?|"
                        r"according to)\b", re.I)
QUOTATION = re.compile(r"[“”\"«»]|''")


def is_statement(text: str, g: dict) -> bool:
    return bool(QUOTATION.search(text[g["start"]:g["end"]]) or SPEECH_CUE.search(g["cue"]))


def score(docs, annotations, threshold: float, of_gold: bool) -> dict[str, int]:
    """Greedy one-to-one matching of predicted quotes to gold content spans."""
    r = dict(tp=0, n_pred=0, n_gold=0, n_relations=0, n_relations_found=0, speaker_ok=0, speaker_n=0,
             named_ok=0, named_n=0, st_gold=0, st_found=0, st_pred=0, st_pred_ok=0, st_speaker_ok=0, st_speaker_n=0)
    for (_, text, gold), ann in zip(docs, annotations, strict=True):
        r["n_gold"] += len(gold)
        r["n_relations"] += len({g["relation"] for g in gold})
        # a quoted fragment inside a reported clause is part of that statement, not
        # another attribution (PolNeAR annotates the clause)
        quotes = [q for q in ann.quotes if q.within is None]
        r["n_pred"] += len(quotes)
        used: set[int] = set()
        found: set[int] = set()
        for q in quotes:
            best, best_ov = None, 0.0
            for k, g in enumerate(gold):
                if k in used:
                    continue
                ov = overlap((q.start, q.end), (g["start"], g["end"]), of_gold)
                if ov > best_ov:
                    best, best_ov = k, ov
            if best is None or best_ov < threshold:
                continue
            used.add(best)
            found.add(gold[best]["relation"])
            r["tp"] += 1
            r["st_pred_ok"] += q.kind == "statement"
            src = gold[best]["source"]
            if src is None:
                continue
            r["speaker_n"] += 1
            span_hit = q.speaker_start >= 0 and overlap((q.speaker_start, q.speaker_end), (src[0], src[1])) > 0
            gold_name = surname(src[2])
            name_hit = bool(q.speaker and gold_name and gold_name in fold(q.speaker).split())
            r["speaker_ok"] += span_hit or name_hit
            if is_statement(text, gold[best]):
                r["st_speaker_n"] += 1
                r["st_speaker_ok"] += span_hit or name_hit
            if gold_name:
                r["named_n"] += 1
                r["named_ok"] += name_hit
        r["n_relations_found"] += len(found)
        r["st_pred"] += sum(q.kind == "statement" for q in quotes)
        for k, g in enumerate(gold):
            if is_statement(text, g):
                r["st_gold"] += 1
                r["st_found"] += k in used
    return r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    args = ap.parse_args()
    docs = load(args.data)
    nlp = build_pipeline()
    articles = [Article(article_id(text), stem, text) for stem, text, _ in docs]
    t0 = time.perf_counter()
    annotations = analyze_articles(articles, nlp)
    elapsed = time.perf_counter() - t0
    results = {}
    for label, threshold, of_gold in (("symmetric >= 0.3", 0.3, False), ("symmetric >= 0.8", 0.8, False),
                                      ("covers >= 0.3 of gold", 0.3, True)):
        results[label] = score(docs, annotations, threshold, of_gold)
    first = next(iter(results.values()))
    print(f"PolNeAR test: {len(docs)} articles, {first['n_gold']} gold content spans "
          f"({first['n_relations']} attributions), {first['n_pred']} predicted quotes")
    for label, r in results.items():
        p, rc, f = prf(r["tp"], r["n_pred"], r["n_gold"])
        print(f"{label:22s}: quote P {p:.3f}  R {rc:.3f}  F1 {f:.3f}   speaker accuracy "
              f"{r['speaker_ok']}/{r['speaker_n']} = {r['speaker_ok'] / max(r['speaker_n'], 1):.3f}")
    r = results["symmetric >= 0.3"]
    p, rc = r["tp"] / max(r["n_pred"], 1), r["n_relations_found"] / max(r["n_relations"], 1)
    f = 2 * p * rc / max(p + rc, 1e-9)
    print(f"per attribution       : quote P {p:.3f}  R {rc:.3f}  F1 {f:.3f}   (an attribution is found when any "
          f"of its content spans is; a prediction is right when it matches a content span)")
    p, rc = r["st_pred_ok"] / max(r["st_pred"], 1), r["st_found"] / max(r["st_gold"], 1)
    f = 2 * p * rc / max(p + rc, 1e-9)
    print(f"statements (GGT task) : quote P {p:.3f}  R {rc:.3f}  F1 {f:.3f}   speaker accuracy "
          f"{r['st_speaker_ok']}/{r['st_speaker_n']} = {r['st_speaker_ok'] / max(r['st_speaker_n'], 1):.3f}   "
          f"({r['st_gold']} gold spans that quote or follow a verb of saying; our {r['st_pred']} statements)")
    print(f"named speakers        : {r['named_ok']}/{r['named_n']} = {r['named_ok'] / max(r['named_n'], 1):.3f} "
          f"(gold source names someone; our resolved name has that surname)")
    print(f"speed: {len(docs) / elapsed:.1f} articles/s (whole analysis pipeline)")


if __name__ == "__main__":
    main()
