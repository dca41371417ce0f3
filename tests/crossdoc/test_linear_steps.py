"""The indexed cross-article steps give what the all-pairs versions gave."""

from __future__ import annotations

import numpy as np

from newsdesk.crossdoc.corpus import CandidateIndex
from newsdesk.crossdoc.entities import merge_entities
from newsdesk.model import (
    Annotations,
    Article,
    ArticleEntity,
    Mention,
)


def unit_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_copies_of_a_sentence_are_each_others_nearest() -> None:
    base = unit_vectors(40, 32, 1)
    vectors = np.vstack([base, base[:6], base[:3]])  # sentences 0-5 copied, 0-2 twice
    sims, idx = CandidateIndex(vectors, k=8).neighbours()
    assert sims.shape == idx.shape == (49, 9)
    assert set(idx[0][:3]) == {0, 40, 46}  # the row and its two copies come first
    assert np.allclose(sims[0][:3], 1.0, atol=1e-4)
    assert {40, 46} <= set(idx[40]) and 0 in idx[46]
    pairs = {(i, j) for i, j, _ in CandidateIndex(vectors, k=8).similar(0.99)}
    assert {(0, 40), (0, 46), (40, 46), (5, 45)} <= pairs


def test_rows_stay_their_own_even_with_labels() -> None:
    base = unit_vectors(10, 16, 2)
    vectors = np.vstack([base, base[:1]])
    labels = ["a"] * 10 + ["a"]
    assert (0, 10) not in {(i, j) for i, j, _ in CandidateIndex(vectors, k=4).similar(0.9, labels)}
    assert CandidateIndex(np.zeros((0, 8), np.float32)).similar(0.5) == []






def test_merge_keeps_namesakes_apart_and_variants_together() -> None:
    def art(aid: str, *names: str) -> Article:
        ents = [ArticleEntity(f"e{k}", n, "PERSON", [n], [Mention(0, len(n), n)]) for k, n in enumerate(names)]
        return Article(aid, f"{aid}.txt", " ".join(names), annotations=Annotations(entities=ents))

    entities, local = merge_entities([art("a1", "Tamás Varga", "Anna Berg"),
                                      art("a2", "Tomas Varga", "Anna Lind"), art("a3", "Tamas Varga")])
    assert local[("a1", "e0")] == local[("a2", "e0")] == local[("a3", "e0")]
    assert local[("a1", "e1")] != local[("a2", "e1")]
    assert len(entities) == 3


def _people_articles(n: int) -> list[Article]:
    """``n`` invented people, each named in full in one report and by a middle-name
    variant in the next: every comparison the merge needs is between two names."""
    given = ["Arlo", "Bettina", "Cosmo", "Delphine", "Emrys", "Fenna", "Gideon", "Hester", "Ilse", "Jorund"]
    out = []
    for k in range(n):
        syllables = ["bra", "cel", "dov", "fen", "gal", "hur", "jis", "kol", "mun", "pex", "rud", "sav", "tol",
                     "vim", "wes", "zor"]
        endings = ["nek", "lup", "dro", "vask", "mey", "thal", "quin", "borg", "sett", "wyck", "ozz", "ibar", "urn",
                   "elm", "aft", "ygg"]
        last = (syllables[k % 16] + endings[k // 16]).capitalize()
        first = given[k % len(given)]
        for variant, aid in ((f"{first} {last}", f"a{k}"), (f"{first} T. {last}", f"b{k}")):
            ent = ArticleEntity("e0", variant, "PERSON", [variant], [Mention(0, len(variant), variant)])
            out.append(Article(aid, f"{aid}.txt", variant, annotations=Annotations(entities=[ent])))
    return out


def test_person_merging_compares_only_names_that_share_a_key(monkeypatch) -> None:
    from newsdesk.crossdoc import entities as mod

    calls = {"same_person": 0, "compatible": 0}

    def counting(name, fn):
        def wrapped(*args):
            calls[name] += 1
            return fn(*args)
        return wrapped

    monkeypatch.setattr(mod, "same_person", counting("same_person", mod.same_person))
    monkeypatch.setattr(mod, "compatible", counting("compatible", mod.compatible))
    entities, local = merge_entities(_people_articles(250))
    assert len(entities) == 250  # each full name and its middle-initial variant are one person
    assert all(local[(f"a{k}", "e0")] == local[(f"b{k}", "e0")] for k in range(250))
    # an all-pairs scan would make ~125,000 name comparisons for 500 mentions
    assert calls["same_person"] + calls["compatible"] < 2_000, calls


def test_key_index_finds_spelling_and_variant_candidates() -> None:
    from newsdesk.crossdoc.namekeys import KeyIndex, person_keys, surname_keys, token_keys

    ix: KeyIndex[str] = KeyIndex()
    ix.add("tamas", person_keys(["tamas", "varga"]))
    ix.add("anna", person_keys(["anna", "lind"]))
    assert ix.candidates(person_keys(["tomas", "varga"])) == ["tamas"]  # one token spelled differently
    assert ix.candidates(person_keys(["ilona", "berg"])) == []
    assert set(token_keys("vladimir")) & set(token_keys("wladimir"))
    by_name: KeyIndex[str] = KeyIndex()
    by_name.add("full", surname_keys(["marcus", "j", "hale", "jr"]))
    assert by_name.candidates(surname_keys(["marcus", "hale"])) == ["full"]


def test_entities_tagged_as_organisations_join_the_person_by_any_of_their_names() -> None:
    person = ArticleEntity("e0", "Mirela Tosk", "PERSON", ["Mirela Tosk"], [Mention(0, 11, "Mirela Tosk")])
    org = ArticleEntity("e0", "Tosk", "ORG", ["Tosk", "Mirela Tosk"], [Mention(0, 4, "Tosk"), Mention(5, 16, "Mirela Tosk")])
    arts = [Article("a1", "a1.txt", "Mirela Tosk", annotations=Annotations(entities=[person])),
            Article("a2", "a2.txt", "Tosk Mirela Tosk", annotations=Annotations(entities=[org]))]
    entities, local = merge_entities(arts)
    assert local[("a1", "e0")] == local[("a2", "e0")]
    assert [e.type for e in entities] == ["PERSON"]
