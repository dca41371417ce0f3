"""The PLOVER vocabulary: root codes, quad classes and a trigger lexicon.

PLOVER (the Political Language Ontology for Verifiable Event Records, the successor of
CAMEO) groups events into root codes; the event model predicts the 15 that PLV (Hu et
al., ACL 2024) uses. The compact lexicon of trigger lemmas below was written from the
PLOVER reference definitions (not from any data set); the event model reads it as
features (``eventfeatures.py``), which lets it generalise to trigger words it never saw
in training, and the events component takes a PLOVER mode from it where the word says
one.

Each entry: lemma -> (root code, mode). A mode is PLOVER's optional refinement ("visit",
"phone", "arrest", ...), empty when the word does not say.
"""

from __future__ import annotations

# The 15 PLOVER root codes the event model predicts (as in PLV, Hu et al. 2024), by quad
# class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "YIELD": 2,
    "ACCUSE": 3, "REQUEST": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "SANCTION": 4, "COERCE": 4, "ASSAULT": 4,
}
ROOT_CODES: tuple[str, ...] = tuple(QUAD_CLASS)
NO_EVENT = "none"

VERBS: dict[str, tuple[str, str]] = {
    # AGREE: willingness or commitment to cooperate
    "agree": ("AGREE", ""), "pledge": ("AGREE", ""), "promise": ("AGREE", ""),
    "offer": ("AGREE", ""), "vow": ("AGREE", ""), "commit": ("AGREE", ""),
    "consent": ("AGREE", ""), "propose": ("AGREE", ""),
    # CONSULT: meetings, visits, calls, negotiations
    "meet": ("CONSULT", ""), "visit": ("CONSULT", "visit"), "host": ("CONSULT", "visit"),
    "discuss": ("CONSULT", ""), "negotiate": ("CONSULT", ""), "consult": ("CONSULT", ""),
    "confer": ("CONSULT", ""), "telephone": ("CONSULT", "phone"), "phone": ("CONSULT", "phone"),
    "tour": ("CONSULT", "visit"), "mediate": ("CONSULT", ""), "attend": ("CONSULT", ""),
    # SUPPORT: verbal, diplomatic support; ratifying or signing an agreement
    "praise": ("SUPPORT", ""), "commend": ("SUPPORT", ""), "endorse": ("SUPPORT", ""),
    "hail": ("SUPPORT", ""), "laud": ("SUPPORT", ""), "applaud": ("SUPPORT", ""),
    "back": ("SUPPORT", ""), "support": ("SUPPORT", ""), "defend": ("SUPPORT", ""),
    "recognize": ("SUPPORT", ""), "recognise": ("SUPPORT", ""), "apologize": ("SUPPORT", ""),
    "apologise": ("SUPPORT", ""), "forgive": ("SUPPORT", ""), "congratulate": ("SUPPORT", ""),
    "thank": ("SUPPORT", ""), "ratify": ("SUPPORT", ""), "sign": ("SUPPORT", ""),
    "welcome": ("SUPPORT", ""),
    # YIELD (PLOVER's CONCEDE): verbal concessions
    "concede": ("YIELD", ""), "yield": ("YIELD", ""), "ease": ("YIELD", ""),
    "relax": ("YIELD", ""), "lift": ("YIELD", ""),
    # COOPERATE: mutual material cooperation
    "cooperate": ("COOPERATE", ""), "collaborate": ("COOPERATE", ""), "trade": ("COOPERATE", ""),
    "exchange": ("COOPERATE", ""), "share": ("COOPERATE", ""),
    # AID: material help to the recipient
    "aid": ("AID", ""), "assist": ("AID", ""), "help": ("AID", ""), "donate": ("AID", ""),
    "supply": ("AID", ""), "provide": ("AID", ""), "fund": ("AID", ""), "lend": ("AID", ""),
    "loan": ("AID", ""), "arm": ("AID", "military"), "grant": ("AID", ""),
    # YIELD (PLOVER's RETREAT): immediate de-escalation, releases, resignations
    "withdraw": ("YIELD", "withdraw"), "retreat": ("YIELD", "withdraw"),
    "release": ("YIELD", "release"), "free": ("YIELD", "release"),
    "repatriate": ("YIELD", "release"), "resign": ("YIELD", "resign"),
    "disarm": ("YIELD", "disarm"), "demobilize": ("YIELD", "disarm"),
    # ACCUSE/investigate
    "investigate": ("ACCUSE", ""), "probe": ("ACCUSE", ""), "inquire": ("ACCUSE", ""),
    # REQUEST: demands, orders, appeals
    "demand": ("REQUEST", ""), "urge": ("REQUEST", ""), "request": ("REQUEST", ""),
    "appeal": ("REQUEST", ""), "insist": ("REQUEST", ""), "order": ("REQUEST", ""),
    # ACCUSE: criticism, accusation, complaints, lawsuits
    "accuse": ("ACCUSE", "accuse"), "criticize": ("ACCUSE", "criticize"),
    "criticise": ("ACCUSE", "criticize"), "condemn": ("ACCUSE", "criticize"),
    "denounce": ("ACCUSE", "criticize"), "blame": ("ACCUSE", "accuse"),
    "slam": ("ACCUSE", "criticize"), "complain": ("ACCUSE", "complain"),
    "deplore": ("ACCUSE", "criticize"), "rebuke": ("ACCUSE", "criticize"),
    "censure": ("ACCUSE", "criticize"), "sue": ("ACCUSE", "lawsuit"),
    "convict": ("ACCUSE", "convict"), "allege": ("ACCUSE", "accuse"),
    "protest": ("PROTEST", "demonstrate"),
    # REJECT
    "reject": ("REJECT", ""), "refuse": ("REJECT", ""), "decline": ("REJECT", ""),
    "veto": ("REJECT", "veto"), "rebuff": ("REJECT", ""), "oppose": ("REJECT", ""),
    "defy": ("REJECT", "defy"), "dismiss": ("REJECT", ""), "deny": ("REJECT", ""),
    # THREATEN
    "threaten": ("THREATEN", ""), "warn": ("THREATEN", ""),
    # PROTEST
    "demonstrate": ("PROTEST", "demonstrate"), "rally": ("PROTEST", "demonstrate"),
    "march": ("PROTEST", "demonstrate"), "riot": ("PROTEST", "riot"),
    "boycott": ("PROTEST", "boycott"), "picket": ("PROTEST", "demonstrate"),
    # SANCTION: reducing relations
    "sanction": ("SANCTION", ""), "expel": ("SANCTION", "expel"), "suspend": ("SANCTION", ""),
    "halt": ("SANCTION", ""), "sever": ("SANCTION", "break relations"),
    "recall": ("SANCTION", "withdraw"), "embargo": ("SANCTION", "embargo"),
    # MOBILIZE
    "mobilize": ("MOBILIZE", "troops"), "mobilise": ("MOBILIZE", "troops"),
    "deploy": ("MOBILIZE", "troops"), "mass": ("MOBILIZE", "troops"),
    "reinforce": ("MOBILIZE", "troops"),
    # COERCE
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"), "jail": ("COERCE", "arrest"),
    "imprison": ("COERCE", "arrest"), "seize": ("COERCE", "seize"), "confiscate": ("COERCE", "seize"),
    "deport": ("COERCE", "deport"), "ban": ("COERCE", "restrict"), "blockade": ("COERCE", "blockade"),
    "occupy": ("COERCE", "seize"), "impose": ("COERCE", "restrict"), "raid": ("COERCE", "raid"),
    "censor": ("COERCE", "restrict"), "charge": ("COERCE", "arrest"), "sentence": ("COERCE", "arrest"),
    # ASSAULT
    "attack": ("ASSAULT", ""), "bomb": ("ASSAULT", "aerial"), "shell": ("ASSAULT", "heavy-weapons"),
    "bombard": ("ASSAULT", "heavy-weapons"), "kill": ("ASSAULT", ""), "shoot": ("ASSAULT", "firearms"),
    "invade": ("ASSAULT", ""), "assassinate": ("ASSAULT", "assassinate"),
    "abduct": ("ASSAULT", "abduct"), "kidnap": ("ASSAULT", "abduct"), "hijack": ("ASSAULT", "abduct"),
    "wound": ("ASSAULT", ""), "injure": ("ASSAULT", ""), "clash": ("ASSAULT", ""),
    "fight": ("ASSAULT", ""), "ambush": ("ASSAULT", ""), "torture": ("ASSAULT", "beat"),
    "massacre": ("ASSAULT", "massacre"), "storm": ("ASSAULT", ""), "strike": ("ASSAULT", ""),
    "beat": ("ASSAULT", "beat"), "execute": ("ASSAULT", ""), "fire": ("ASSAULT", ""),
    "demolish": ("ASSAULT", ""), "destroy": ("ASSAULT", ""), "down": ("ASSAULT", ""),
}

# Nouns that carry the event themselves ("held talks", "carried out an attack",
# "the summit", "imposed sanctions"): used when the governing verb is light.
NOUNS: dict[str, tuple[str, str]] = {
    "talk": ("CONSULT", ""), "talks": ("CONSULT", ""), "meeting": ("CONSULT", ""),
    "summit": ("CONSULT", ""), "visit": ("CONSULT", "visit"), "negotiation": ("CONSULT", ""),
    "consultation": ("CONSULT", ""), "call": ("CONSULT", "phone"),
    "attack": ("ASSAULT", ""), "strike": ("ASSAULT", ""), "airstrike": ("ASSAULT", "aerial"),
    "bombing": ("ASSAULT", "aerial"), "offensive": ("ASSAULT", ""), "raid": ("COERCE", "raid"),
    "protest": ("PROTEST", "demonstrate"), "demonstration": ("PROTEST", "demonstrate"),
    "sanction": ("COERCE", "restrict"), "sanctions": ("COERCE", "restrict"),
    "embargo": ("COERCE", "restrict"), "aid": ("AID", ""), "assistance": ("AID", ""),
    "cooperation": ("COOPERATE", ""), "agreement": ("AGREE", ""), "deal": ("AGREE", ""),
    "ceasefire": ("YIELD", ""), "accusation": ("ACCUSE", "accuse"),
    "criticism": ("ACCUSE", "criticize"), "threat": ("THREATEN", ""),
    "ultimatum": ("THREATEN", ""), "demand": ("REQUEST", ""), "arrest": ("COERCE", "arrest"),
    "invasion": ("ASSAULT", ""), "investigation": ("ACCUSE", ""),
    "exercise": ("MOBILIZE", "troops"), "exercises": ("MOBILIZE", "troops"), "drill": ("MOBILIZE", "troops"),
    "warrant": ("COERCE", "arrest"), "firefight": ("ASSAULT", "firearms"), "inspection": ("ACCUSE", ""),
}

# Governors that make the event they govern hypothetical or not (yet) real.
HYPOTHETICAL_GOVERNORS = frozenset({"rule", "consider", "plan", "propose", "seek", "hope", "want",
                                    "intend", "aim", "threaten", "may", "might", "could", "would",
                                    "should", "prepare", "mull", "weigh", "expect", "try", "attempt",
                                    "discuss", "urge", "demand", "call", "ask",
                                    # permission: "allowed X to strike" does not say X struck
                                    "allow", "permit", "authorize", "authorise"})
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "will", "shall", "'ll"})
NEGATING_GOVERNORS = frozenset({"refuse", "decline", "fail", "deny", "reject", "avoid", "stop"})

# Neutral verbs of saying: a statement is PLOVER-coded by what it does (accuse, demand,
# threaten, promise...), so "X said Y attacked Z" codes Y's attack as X's claim, and the
# saying itself is no event.
SAYING = frozenset({"say", "tell", "add", "state", "note", "report", "write", "comment", "remark", "explain",
                    "reply", "respond", "claim", "continue", "quote", "tweet", "post", "speak", "observe",
                    "acknowledge", "confirm", "announce", "come"})
