"""Words that decide a stance (data for the rules backend)."""

from __future__ import annotations

#: Negators: a cue in their scope is denied.
NEGATIONS = frozenset({
    "not", "n't", "never", "no", "nothing", "none", "nobody", "neither", "nor", "without",
    "hardly", "barely", "nowhere", "cannot", "nt",
})
#: Words that reject what they govern ("unlikely to be a targeting", "denied that").
DENY_WORDS = frozenset({
    "unlikely", "deny", "denies", "denied", "denying", "dismiss", "dismissed", "dismisses",
    "dismissing", "reject", "rejected", "rejects", "rejecting", "refute", "refuted", "refutes",
    "debunk", "debunked", "debunks", "false", "untrue", "myth", "myths", "nonsense", "baseless",
    "unfounded", "bogus", "ridiculous", "absurd", "wrong", "incorrect", "misguided", "rubbish",
    "hogwash", "paranoid", "paranoia", "doubt", "doubts", "doubted", "doubtful",
    "dispel", "dispelled", "contrary", "instead", "rather",
    "silly", "laughable", "delusional", "fantasy", "imagined", "imaginary",
})
#: Contrast markers right before a cue: "X, not Y", "Y rather than X".
CONTRAST_BEFORE = ("not", "n't", "rather than", "instead of", "not just", "nor", "not because of", "not due to", "no")
#: Reporting nouns: a cue they govern is reported, not asserted ("accusations of censorship").
REPORTING_NOUNS = frozenset({
    "claim", "claims", "accusation", "accusations", "allegation", "allegations", "speculation",
    "theory", "theories", "rumour", "rumours", "rumor", "rumors", "talk", "debate", "debates",
    "question", "questions", "concern", "concerns", "complaint", "complaints", "charge",
    "charges", "suspicion", "suspicions", "narrative", "narratives", "cries", "outcry",
    "fears", "fear", "chatter", "whispers", "hashtag", "conversation",
    "discussion", "discussions", "accusers", "suggestion", "suggestions", "idea",
})
#: Speech and belief verbs: a cue in their complement is that subject's view.
REPORTING_VERBS = frozenset({
    "say", "claim", "allege", "speculate", "suggest", "blame", "accuse", "argue", "insist",
    "believe", "think", "suspect", "wonder", "complain", "cry", "charge", "tweet", "post",
    "write", "assert", "contend", "theorize", "theorise", "attribute", "call", "describe",
    "see", "view", "frame", "label", "point", "ask", "question", "fear", "worry",
})
#: Embedded-question verbs: "asked whether it was a glitch" is a query.
QUERY_VERBS = frozenset({"wonder", "ask", "question", "query", "inquire", "enquire", "know", "check", "investigate", "look"})
#: Hedges keep a support a support, with less confidence.
HEDGES = frozenset({
    "maybe", "perhaps", "possibly", "probably", "likely", "might", "may", "could", "seems",
    "seem", "appears", "apparently", "guess", "suspect", "think", "believe", "presumably",
})
#: Frames that make a cause the explanation ("the result of", "due to").
EXPLAIN_FRAMES = (
    "because", "due to", "result of", "caused by", "cause of", "blame", "blamed", "stems from",
    "stem from", "part of", "down to", "reason", "explains", "explained", "thanks to",
    "attributed", "behind", "responsible", "driven by", "linked to", "comes from", "came from",
    "removing", "removed", "purging", "purged", "deleting", "deleted", "cleaning", "culling",
    "targeting", "targeted", "locking", "locked", "challenging", "asked to confirm",
)
#: Conditional openers: a cue in their clause is mentioned, not asserted.
CONDITIONALS = frozenset({"if", "unless", "whether", "suppose", "supposing", "assuming"})

#: Words of the free-target (benchmark) mode.
GENERIC_DENY = frozenset({
    "false", "fake", "hoax", "lie", "lies", "lying", "liar", "debunked", "untrue", "nonsense",
    "wrong", "misleading", "rubbish", "bs", "bullshit", "not", "n't", "no", "never", "doubt",
    "unconfirmed", "fabricated", "myth", "denied", "deny", "denies", "incorrect",
})
GENERIC_SUPPORT = frozenset({
    "confirmed", "confirms", "confirm", "breaking", "true", "indeed", "official", "officially",
    "report", "reports", "reported", "according", "sources", "verified", "yes", "exactly",
})

#: "not only locked accounts", "not just bots": the cue is added to, not denied
#: (except for political targeting, where "not just conservatives" rejects the
#: claim that one group was singled out).
ADDITIVE_NEGATIONS = ("not only", "not just", "not merely", "not simply", "n't only", "n't just")
#: Question words of a wh-question: the question presupposes its content
#: ("How does Twitter decide which accounts are locked?" takes the locking as given).
WH_WORDS = frozenset({"what", "who", "whom", "whose", "which", "how", "why", "when", "where"})
#: Verbs of silencing: "X will not be silenced" defies the silencing it names.
DEFIANCE_VERBS = frozenset({
    "silence", "censor", "suppress", "muzzle", "gag", "intimidate", "cancel", "stop", "bully",
    "shut", "erase", "deplatform",
})
#: Modals of a defiant refusal ("will not", "won't", "shall not").
DEFIANCE_MODALS = frozenset({"will", "wo", "shall", "wont"})
#: Modifiers by which a text keeps its distance from what it names ("in apparent bot
#: purge", "the so-called bot accounts"): the cause is mentioned, not asserted.
DISTANCING_MODIFIERS = frozenset({
    "apparent", "alleged", "so-called", "supposed", "suspected", "purported", "rumoured",
    "rumored", "possible", "presumed", "claimed", "reported",
})
