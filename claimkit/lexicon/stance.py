"""Words that decide a stance (data for the rules backend)."""

from __future__ import annotations

# Surface flags of the `learned` backend's features (regexes; the head's JSON quotes them).

#: A question mark: the `question` feature.
QUESTION_PATTERN = r"\?"
#: A negation word: the `negation` feature (matched case-insensitively).
NEGATION_PATTERN = r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot)\b|n[’']t\b"
#: A word that rejects a claim: the `deny_cue` feature (matched case-insensitively).
DENY_PATTERN = (
    r"\b(?:false|untrue|not true|hoax|lies|lie|lying|liars?|debunked|fake news|misinformation|"
    r"disinformation|rumou?rs?|unconfirmed|no evidence|nonsense|bs|bullshit|wrong|doubt|deny|denies|denied)\b"
)

# Words of the `rules` backend.

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

# --------------------------------------------------------------------------- rules backend: cause mode

#: "users were convinced they had been singled out": their belief, narrated.
BELIEF_WORDS = frozenset({"convinced", "sure", "certain", "adamant", "persuaded", "insistent"})
#: "not caused by bots" denies; "not undermined by bots" does not.
CAUSAL_VERBS = frozenset({"cause", "drive", "trigger", "explain", "create", "produce", "prompt", "fuel", "lead", "result", "make", "bring", "spark"})
#: Nouns that ask: "the thought of whether it is a glitch".
QUERY_NOUNS = frozenset({"thought", "question", "wonder", "doubt", "query", "inquiry", "curiosity"})
#: Negated, these verbs describe the count, not a denial ("aren't included in follower counts").
NOT_DENIAL_HEADS = frozenset({
    "include", "count", "show", "display", "appear", "reflect", "factor",
    # "did not mention politics", "has not said how many were locked": silence, not denial
    "mention", "say", "comment", "address", "respond", "discuss", "specify", "disclose",
    "reveal", "publish", "give", "release", "confirm", "detail", "explain", "issue",
    "share", "provide", "elaborate", "announce", "state",
})
#: Prepositions over a clause whose negated governor denies it ("it wasn't about getting rid of bots").
NEGATED_CLAUSE_PREPOSITIONS = frozenset({"about", "over", "because"})
#: Locking means asking to confirm: "haven't confirmed their phone number" is the lock itself.
CONFIRM_VERBS = frozenset({"confirm", "verify", "validate", "reset", "prove", "authenticate", "reverify", "re-verify"})
#: "I don't think it's bots": a negation on these verbs denies their complement.
NEG_RAISING = frozenset({"think", "believe", "say", "seem", "appear", "expect", "suppose", "mean", "feel", "reckon"})
#: Words skipped when reading the words right before a cue (for `CONTRAST_BEFORE`).
SKIP_BEFORE = frozenset({"its", "their", "his", "her", "our", "my", "your", "a", "an", "the", "just", "simply", "only", "even", "really", "some", "any", "actually", "all", "about", "because", "of", "due", "to", "by", "caused", "that", "it", "'s", "’s", "is", "was", "this"})
#: What may trail a question before its end: hashtags, handles, links, emoji, closing marks.
END_NOISE = r"(?:\s|#\w+|@\w+|https?://\S+|pic\.twitter\.com/\S+|[\U0001F000-\U0001FAFF\u2600-\u27BF]|[…:;)\"”’'])+$"
#: First words of a question without "?" ("Is there a glitch in your app!!").
AUX_QUESTION_STARTERS = frozenset({
    "is", "are", "was", "were", "did", "do", "does", "has", "have", "had", "could", "can",
    "will", "would", "should", "isn't", "aren't", "wasn't", "didn't", "doesn't", "don't",
    "anyone", "anybody",
})
#: A question answered at once in the negative: "A glitch? Unlikely."
ANSWERED_NO = frozenset({"unlikely", "no", "nope", "hardly", "doubtful", "not", "nah"})
#: Markers of an embedded question ("asked whether ...").
QUESTION_MARKERS = frozenset({"whether", "if"})
#: Temporal markers whose clause's negation is a condition, not a denial ("until they confirm").
UNTIL_MARKERS = frozenset({"until", "unless", "before", "till"})
#: The same, looked for in the words before the cue.
UNTIL_BEFORE = r"\b(?:until|unless|till)\b[^,;.]*$"
#: Determiners that negate a subject: "Nobody's account has been locked", "No accounts were deleted".
NEGATIVE_DETERMINERS = frozenset({"no", "nobody", "none", "nothing"})
#: Words that, governing a cue, negate it: "without evidence of bias", "never a glitch".
NEGATIVE_GOVERNORS = frozenset({"without", "no", "nothing", "never"})
#: Lemmas of verbs that reject what they govern ("denied bias", "ruled out bots").
REJECTING_LEMMAS = frozenset({"deny", "dismiss", "reject", "refute", "debunk", "dispute"})
#: Negators of an action, left to the negation rule when the cue is a verb ("won't confirm").
VERB_NEGATORS = frozenset({"not", "n't", "no", "nor"})
#: Subjects who speak for themselves: "we said" is no one else's claim.
SELF_SUBJECTS = frozenset({"i", "we"})

# --------------------------------------------------------------------------- rules backend: free targets

#: Words left out when comparing a text with a free-text target.
TARGET_STOPWORDS = frozenset({"the", "a", "an", "of", "to", "in", "and", "is", "are", "was", "on", "for", "at", "by", "it", "this", "that", "with", "rt", "semst"})


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
#: Discourse words a question may open with before its question word ("So why were they locked?").
QUESTION_OPENERS = frozenset({"so", "and", "but", "then", "well", "ok", "okay"})
#: Determiners skipped right before a cue when reading an additive negation ("not just the bots").
ADDITIVE_SKIPPED_DETERMINERS = frozenset({"the", "a", "an", "these", "those"})
#: Verbs of silencing: "X will not be silenced" defies the silencing it names.
DEFIANCE_VERBS = frozenset({
    "silence", "censor", "suppress", "muzzle", "gag", "intimidate", "cancel", "stop", "bully",
    "shut", "erase", "deplatform",
})
#: Modals of a defiant refusal ("will not", "won't", "shall not").
DEFIANCE_MODALS = frozenset({"will", "wo", "shall", "wont"})
#: Causative verbs a silencing may be refused under ("NEVER have our voices silenced", "won't let them silence us").
CAUSATIVE_LEMMAS = frozenset({"have", "let", "get"})
#: Modifiers by which a text keeps its distance from what it names ("in apparent bot
#: purge", "the so-called bot accounts"): the cause is mentioned, not asserted.
DISTANCING_MODIFIERS = frozenset({
    "apparent", "alleged", "so-called", "supposed", "suspected", "purported", "rumoured",
    "rumored", "possible", "presumed", "claimed", "reported",
})
#: A speaker's own claim: "making the allegation, in which he complained that ..." is the
#: speaker asserting it, not reporting someone else's (outside the reporter's voice).
OWN_CLAIM_VERBS = frozenset({"make", "level", "raise", "file", "lodge", "repeat", "renew", "voice"})
#: "Users were quick to blame a purge": the eager subject's view, narrated by the reporter.
EAGER_ADJECTIVES = frozenset({"quick", "eager", "keen", "swift", "fast", "first", "ready", "happy"})
