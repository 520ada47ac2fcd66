"""The `rules` stance backend: spaCy's parse, no torch.

For a cue of a cause inside a sentence, in this order:

1. query: the cue sits in a direct question ("Is there a glitch ...?"), or
   in an embedded one under an asking verb ("asked whether bots ...");
2. deny: the cue itself rejects the cause ("apolitical"); a contrast marker
   stands right before it ("rather than genuine users leaving", "not a
   glitch"); a negation governs its clause ("it isn't just happening to
   conservatives", "no evidence of bias", "I don't think it's bots"); or a
   rejecting word governs it ("unlikely to be a targeting of ...", "claims
   of bias are false");
3. comment: the cue sits in a conditional ("if it is a glitch"), under a
   reporting noun ("accusations of censorship"), or — in the reporter's own
   voice — in what someone else is reported to claim;
4. support otherwise, less confident when hedged or when the cue is weak.

Without a cause (the public benchmarks' free-text targets) it falls back to
surface cues: a question mark, denial words, support words, overlap with
the target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimkit.lexicon.stance import (
    ADDITIVE_NEGATIONS,
    ADDITIVE_SKIPPED_DETERMINERS,
    ANSWERED_NO,
    AUX_QUESTION_STARTERS,
    BELIEF_WORDS,
    CAUSAL_VERBS,
    CAUSATIVE_LEMMAS,
    CONDITIONALS,
    CONFIRM_VERBS,
    CONTRAST_BEFORE,
    DEFIANCE_MODALS,
    DEFIANCE_VERBS,
    DENY_WORDS,
    DISTANCING_MODIFIERS,
    EAGER_ADJECTIVES,
    END_NOISE,
    EXPLAIN_FRAMES,
    GENERIC_DENY,
    GENERIC_SUPPORT,
    HEDGES,
    NEG_RAISING,
    NEGATIONS,
    NEGATIVE_DETERMINERS,
    NEGATED_CLAUSE_PREPOSITIONS,
    NEGATIVE_GOVERNORS,
    NOT_DENIAL_HEADS,
    OWN_CLAIM_VERBS,
    QUERY_NOUNS,
    QUERY_VERBS,
    QUESTION_OPENERS,
    QUESTION_MARKERS,
    REJECTING_LEMMAS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    SELF_SUBJECTS,
    SKIP_BEFORE,
    TARGET_STOPWORDS,
    UNTIL_BEFORE,
    UNTIL_MARKERS,
    VERB_NEGATORS,
    WH_WORDS,
)
from claimkit.spans import doc_text
from claimkit.stance.base import StanceInput, StancePrediction

#: Dependency labels that head a clause (parse labels, not words).
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "csubj", "parataxis", "acl", "pcomp"})
END_NOISE_RE = re.compile(END_NOISE)
UNTIL_BEFORE_RE = re.compile(UNTIL_BEFORE)


def _cue_tokens(sent, start: int, end: int) -> list:
    base = sent.start_char
    return [t for t in sent if start <= t.idx - base < end or (t.idx - base < start < t.idx - base + len(t.text))]


def _root_of(tokens: Sequence) -> object:
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head.i == token.i:
            return token
    return tokens[0]


def _ancestors_to_clause(token):
    """The token, then its heads up to and including the first clause head."""
    chain = [token]
    current = token
    while current.head.i != current.i:
        if current.dep_ in CLAUSE_DEPS and current.pos_ in {"VERB", "AUX"} and current.i != token.i:
            break
        current = current.head
        chain.append(current)
        if current.dep_ in CLAUSE_DEPS and current.pos_ in {"VERB", "AUX", "ADJ"}:
            break
    return chain


def _question_clause(sent, cue_end_rel: int) -> bool:
    """The cue is in a stretch of the sentence that ends with "?"."""
    text = sent.text
    after = text[cue_end_rel:]
    stop = re.search(r"[.!?]", after)
    if stop and stop.group(0) == "?":
        return True
    if "?" in after and not re.search(r"[.!]", after[: after.index("?")]):
        return True
    words = [t for t in sent if t.is_alpha]
    if words and words[0].lower_ in AUX_QUESTION_STARTERS and len(words) > 1 and words[1].pos_ in {"PRON", "PROPN", "NOUN", "DET"}:
        tail = END_NOISE_RE.sub("", text)
        if not tail.endswith("."):
            return True  # "Is there a glitch in your app or something else is happening!!"
    return False


def _question_start(sent, cue_end_rel: int) -> int:
    """Where the question holding the cue starts inside the sentence: after the
    last colon, semicolon or dash before its "?" (a headline "Topic: Who ...?")."""
    text = sent.text
    mark = text.find("?", cue_end_rel)
    head = text[: mark if mark >= 0 else len(text)]
    cuts = [m.end() for m in re.finditer(r"[:;]\s|\s[—–]\s", head)]
    return cuts[-1] if cuts else 0


def _outside_question(sent, cue_start_rel: int, cue_end_rel: int) -> bool:
    """The cue stands in a title or lead-in before the question proper
    ("Twitter's Fake-User Purge: Who Are The Biggest Losers?")."""
    return cue_end_rel <= _question_start(sent, cue_end_rel)


def _wh_question(sent, cue_end_rel: int) -> bool:
    """The question is a wh-question ("How does Twitter decide ...?"): it presupposes
    what it mentions instead of asking whether it holds."""
    start = _question_start(sent, cue_end_rel)
    words = re.findall(r"[A-Za-z']+", sent.text[start:])
    if not words:
        return False
    first = words[0].lower()
    if first in QUESTION_OPENERS and len(words) > 1:
        first = words[1].lower()
    return first in WH_WORDS


def _additive_negation(sent, cue_tokens) -> bool:
    """"not only locked accounts", "isn't just bots": a negation that adds to the cue."""
    doc = sent.doc
    first = cue_tokens[0].i
    words: list[str] = []
    index = first - 1
    while index >= sent.start and len(words) < 3:
        token = doc[index]
        if token.lower_ in ADDITIVE_SKIPPED_DETERMINERS and not words:
            index -= 1
            continue
        words.insert(0, token.lower_)
        index -= 1
    text = " ".join(words)
    return any(text.endswith(marker) for marker in ADDITIVE_NEGATIONS)


def _defiance(chain) -> bool:
    """"Conservative voices will NOT be silenced": a refusal that presupposes the silencing."""
    for token in chain:
        if token.lemma_.lower() not in DEFIANCE_VERBS:
            continue
        deps = {c.dep_ for c in token.children}
        modal = any(c.dep_ == "aux" and c.lower_ in DEFIANCE_MODALS for c in token.children)
        if "auxpass" in deps and "neg" in deps and modal:
            return True
        # "We must stand united & NEVER have our voices silenced": a causative refused
        causative = token.head
        if token.dep_ in {"ccomp", "xcomp", "conj"} and causative.lemma_.lower() in CAUSATIVE_LEMMAS:
            negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in causative.children)
            governors = [causative, causative.head] if causative.dep_ == "conj" else [causative]
            modal = any(c.dep_ == "aux" and c.lower_ in DEFIANCE_MODALS | {"must"} for g in governors for c in g.children)
            if negated and modal:
                return True
    return False


def _distanced(cue_tokens) -> bool:
    """"in apparent bot purge", "the so-called bot accounts": the cue's phrase keeps its distance."""
    heads = {t.i: t for t in cue_tokens}
    for token in list(cue_tokens):
        heads.setdefault(token.head.i, token.head)
    for token in heads.values():
        if any(c.dep_ in {"amod", "advmod"} and c.lower_ in DISTANCING_MODIFIERS for c in token.children):
            return True
    first = cue_tokens[0]
    before = doc_text(first.doc)[max(first.sent.start_char, first.idx - 30) : first.idx].lower().split()
    return any(word in DISTANCING_MODIFIERS for word in before[-2:])  # "the so-called bot accounts"


def _answered_no(sent) -> bool:
    """A question answered at once in the negative: "A glitch? Unlikely." """
    doc = sent.doc
    if sent.end >= len(doc):
        return False
    following = [t for t in doc[sent.end : sent.end + 4] if not t.is_space]
    return bool(following) and following[0].lower_ in ANSWERED_NO


def _embedded_query(chain) -> bool:
    """"asked whether bots ...", "the thought of whether it is a glitch"."""
    for token in chain:
        marks = [c for c in token.children if c.dep_ == "mark" and c.lower_ in QUESTION_MARKERS]
        if not marks:
            continue
        head = token.head
        asker = head.head if head.pos_ == "ADP" else head
        if head.lemma_.lower() in QUERY_VERBS or asker.lemma_.lower() in QUERY_NOUNS | QUERY_VERBS:
            return True
    return False


def _conditional(chain) -> bool:
    for token in chain:
        if any(c.dep_ in {"mark", "advmod"} and c.lower_ in CONDITIONALS for c in token.children):
            return True
        if token.lower_ == "whether":
            return True
    return False


def _negated(chain, cue_ids: set[int]) -> bool:
    """A negation governs the cue's clause.

    Not counted: a negation after the cue across a comma ("this cleanup, not
    personal issues"), one that negates the count's display ("aren't
    included in follower counts until they confirm") or the condition of a
    temporal clause ("until an account won't confirm").
    """
    last_cue = max(cue_ids)
    doc = chain[0].doc
    sent = chain[0].sent
    before = doc[sent.start : min(cue_ids)].text.lower()
    if UNTIL_BEFORE_RE.search(before):
        return False
    for token in chain:
        if token.lemma_.lower() in NOT_DENIAL_HEADS:
            continue
        if token.i in cue_ids and token.lemma_.lower() in CONFIRM_VERBS:
            continue  # "accounts that haven't confirmed their phone number": the lock itself
        if any(c.dep_ == "mark" and c.lower_ in UNTIL_MARKERS for c in token.children):
            continue
        if token.dep_ == "agent" or (token.lower_ == "by" and token.dep_ == "prep"):
            if token.head.lemma_.lower() not in CAUSAL_VERBS:
                return False
        for child in token.children:
            if child.i in cue_ids:
                continue
            if child.i > last_cue and any(t.text == "," for t in doc[last_cue + 1 : child.i]):
                continue
            if child.dep_ == "neg" or (child.lower_ in NEGATIONS and child.dep_ in {"det", "neg", "advmod", "prep", "preconj", "cc", "nsubj", "nsubjpass"}):
                return True
            if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
                return True  # "no longer saw it as a purge of conservatives"
            if child.dep_ in {"nsubj", "nsubjpass"} and any(
                g.dep_ in {"det", "poss"} and g.lower_ in NEGATIVE_DETERMINERS for g in child.children
            ):
                return True  # "Nobody's account has been locked", "No accounts were deleted"
        if token.i not in cue_ids and token.lower_ in NEGATIVE_GOVERNORS:
            return True
    clause = chain[-1]
    if clause.dep_ in {"relcl", "acl"} and clause.head.lower_ in {"nothing", "none"}:
        return True  # "it has nothing to do with politics"
    if clause.dep_ == "pcomp" and clause.head.dep_ == "prep" and clause.head.lower_ in NEGATED_CLAUSE_PREPOSITIONS:
        governor = clause.head.head  # "it wasn't about getting rid of bots"
        if governor.lemma_.lower() not in NOT_DENIAL_HEADS and any(c.dep_ == "neg" for c in governor.children):
            return True
    if clause.dep_ in {"ccomp", "xcomp"} and clause.head.lemma_.lower() in NEG_RAISING:
        return any(c.dep_ == "neg" for c in clause.head.children)
    return False


def _rejected(chain, cue_ids: set[int]) -> bool:
    """A rejecting word governs the cue ("unlikely to be a targeting of ...")
    or qualifies its clause ("claims of bias are false")."""
    governors = list(chain) + [chain[-1].head]
    if chain[-1].dep_ in {"xcomp", "ccomp"}:
        governors.append(chain[-1].head.head)
    for token in governors:
        if token.i in cue_ids:
            continue
        if token.dep_ in {"amod", "compound"} and token.head.pos_ in {"NOUN", "PROPN"}:
            continue  # "false or spam accounts": an adjective of the accounts, not a rejection
        if token.lower_ in DENY_WORDS or token.lemma_.lower() in REJECTING_LEMMAS:
            return True
        if token.lemma_.lower() == "rule" and any(c.lower_ == "out" for c in token.children):
            return True
    for current in [chain[-1], chain[-1].head]:
        for child in current.children:
            if child.i not in cue_ids and child.dep_ in {"acomp", "attr", "advmod", "oprd"} and child.lower_ in DENY_WORDS:
                return True
    return False


def _contrast_before(sent, cue_tokens) -> bool:
    first = cue_tokens[0]
    words: list[str] = []
    index = first.i - 1
    while index >= sent.start and len(words) < 4:
        token = sent.doc[index]
        if token.is_punct and token.text not in {"-", "—", "–"}:
            if token.text in {",", ";", ":", "—", "–"} and words:
                break
            index -= 1
            continue
        lower = token.lower_
        if not words and lower in SKIP_BEFORE:
            index -= 1
            continue
        words.insert(0, lower)
        index -= 1
    text = " ".join(words)
    markers = CONTRAST_BEFORE
    if _root_of(cue_tokens).pos_ in {"VERB", "AUX"}:
        # "won't confirm" negates an action: that is _negated's business.
        markers = tuple(m for m in markers if m not in VERB_NEGATORS)
    return any(text.endswith(marker) for marker in markers)


def _reporting_noun_in(chain, cue_ids: set[int]):
    """A reporting noun the cue hangs from ("accusations of censorship"), or that
    the cue's clause is about ("users traded theories, from bots to a cull")."""
    for token in chain[1:] + [chain[-1].head]:
        if token.i not in cue_ids and token.lower_ in REPORTING_NOUNS:
            return token
    if any(t.dep_ == "prep" for t in chain[1:]):
        for child in chain[-1].children:
            if child.dep_ in {"dobj", "nsubj", "attr"} and child.lower_ in REPORTING_NOUNS and child.i not in cue_ids:
                return child
    return None


def _reported_by_other(chain, cue_ids: set[int]) -> bool:
    """The cue sits in the complement of someone's speech or belief verb ("users claimed that ...")."""
    path = list(chain)
    while path[-1].head.i != path[-1].i and len(path) < 14 and path[-1].head.pos_ not in {"NOUN", "PROPN"}:
        path.append(path[-1].head)  # up to the sentence root: "Users accused X of ... blocking free speech"
    for below, token in zip(path, path[1:], strict=False):
        believing = token.lower_ in BELIEF_WORDS
        if not believing and (token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING_VERBS):
            continue
        if below.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            continue
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if believing and not subjects and token.head.pos_ == "AUX":
            subjects = [c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects and token.dep_ == "xcomp" and token.head.lower_ in EAGER_ADJECTIVES:
            # "Users were quick to blame a purge": the subject of the adjective's clause
            subjects = [c for c in token.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and subjects[0].lower_ not in SELF_SUBJECTS:
            return True
    return False


def decide(
    sent, cue_start: int, cue_end: int, flags: str = "", role: str | None = None, cause: str | None = None
) -> tuple[str, float, str]:
    """(stance, confidence, the rule that decided) for one cue in one sentence."""
    cue = _cue_tokens(sent, cue_start, cue_end)
    if not cue:
        return "comment", 0.3, "no cue tokens"
    cue_ids = {t.i for t in cue}
    own = flags == "own_negation"
    chain = _ancestors_to_clause(_root_of(cue))
    if _question_clause(sent, cue_end) and not _outside_question(sent, cue_start, cue_end):
        if _answered_no(sent):
            return "deny", 0.8, "question answered no"
        if _wh_question(sent, cue_end):
            return "support", 0.6, "wh-question presupposes it"
        return "query", 0.9, "direct question"
    if _embedded_query(chain) and role != "reporter":
        return "query", 0.8, "embedded question"
    if role == "reporter" and _reported_by_other(chain, cue_ids):
        return "comment", 0.6, "reporter narrates a claim"
    if flags == "deny":
        return "deny", 0.9, "rejecting cue"
    if _defiance(chain):
        return "support", 0.75, "defiant refusal"
    additive = _additive_negation(sent, cue) and cause != "political_bias"
    if additive:
        own = True  # "not only locked accounts": the negation adds, it does not deny
    if _contrast_before(sent, cue) and not own:
        return "deny", 0.85, "contrast before cue"
    reported = _reporting_noun_in(chain, cue_ids)
    if _rejected(chain, cue_ids):
        return "deny", 0.8, "rejecting word"
    if reported is not None and not (role not in {None, "reporter"} and reported.head.lemma_.lower() in OWN_CLAIM_VERBS):
        return "comment", 0.6, f"reported by noun {reported.text!r}"
    if _distanced(cue):
        return "comment", 0.6, "distancing modifier"
    confirming = _root_of(cue).lemma_.lower() in CONFIRM_VERBS
    if not own and not confirming and _negated(chain, cue_ids):
        return "deny", 0.85, "negated clause"
    if _conditional(chain):
        return "comment", 0.6, "conditional"
    confidence = 0.7
    lowered = sent.text.lower()
    if any(frame in lowered for frame in EXPLAIN_FRAMES):
        confidence += 0.1
    if any(t.lower_ in HEDGES for t in sent):
        confidence -= 0.1
    if flags == "weak":
        confidence -= 0.15
    return "support", round(confidence, 2), "asserted"


def cause_stance(
    sent, cue_start: int, cue_end: int, flags: str = "", role: str | None = None, cause: str | None = None
) -> StancePrediction:
    """The stance a sentence takes toward the cause its cue [cue_start, cue_end) raises."""
    stance, confidence, _ = decide(sent, cue_start, cue_end, flags, role, cause)
    return StancePrediction(stance, confidence)


_WORD_RE = re.compile(r"[a-z']+")


def generic_stance(text: str, target: str) -> StancePrediction:
    """Surface-cue stance toward a free-text target (the public benchmarks)."""
    lowered = text.lower()
    words = set(_WORD_RE.findall(lowered))
    if "?" in text:
        return StancePrediction("query", 0.6)
    if words & GENERIC_DENY:
        return StancePrediction("deny", 0.55)
    target_words = set(_WORD_RE.findall(target.lower())) - TARGET_STOPWORDS
    overlap = len(words & target_words) / max(len(target_words), 1)
    if words & GENERIC_SUPPORT or overlap >= 0.5:
        return StancePrediction("support", 0.5)
    return StancePrediction("comment", 0.5)


class RulesStance:
    """Stance from spaCy's parse and the stance lexicon; needs no torch."""

    name = "rules"

    def __init__(self, nlp=None) -> None:
        self._nlp = nlp

    @property
    def nlp(self):
        """The spaCy pipeline, loaded on first use when none was given."""
        if self._nlp is None:
            from claimkit.config import DEFAULT_SPACY_MODEL
            from claimkit.nlp import load_spacy

            self._nlp = load_spacy(DEFAULT_SPACY_MODEL)
        return self._nlp

    def predict(self, items: Sequence[StanceInput]) -> list[StancePrediction]:
        """One prediction per input: by cause rules, or by surface cues for a free target."""
        out = []
        for item in items:
            if item.cause is None or item.cue_start < 0:
                out.append(generic_stance(item.text, item.target))
                continue
            sent = self._sentence(item)
            out.append(cause_stance(sent, item.cue_start, item.cue_end, item.cue_flags, item.speaker_role, item.cause))
        return out

    def predict_parsed(self, items: Sequence[StanceInput], doc) -> list[StancePrediction]:
        """`predict`, reading each statement's parse from `doc` where its `start` places it."""
        out = []
        for item in items:
            if item.cause is None or item.cue_start < 0:
                out.append(generic_stance(item.text, item.target))
                continue
            span = doc.char_span(item.start, item.start + len(item.text)) if item.start >= 0 else None
            sent = span if span is not None else self._sentence(item)
            out.append(cause_stance(sent, item.cue_start, item.cue_end, item.cue_flags, item.speaker_role, item.cause))
        return out

    def _sentence(self, item: StanceInput):
        doc = self.nlp(item.text)
        return doc[:]


def build(config, nlp) -> RulesStance:
    """Registry factory."""
    return RulesStance(nlp)
