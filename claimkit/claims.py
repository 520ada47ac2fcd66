"""Claim extraction: follower losses and gains, and accounts a platform removed.

`find_mentions` reads every number in the document (`read_mention`) and keeps
those that the words around them make a claim:

- a loss or gain verb or noun over a follower noun ("lost 3000 followers",
  "80,000 fewer followers", "Kher's 900k drop", "a fall of roughly 900k",
  "follower count fell by 2,000", "said goodbye to 48 followers", "640
  followers lighter", "I'm down 9,600", "280 came back");
- a bare number after a change verb in a document about followers ("she had
  lost 400 in a day", "PewDiePie added 145,000");
- a removal verb over an account noun ("removed around 1.7 million bots"), or
  over followers a platform removed ("we removed 211.3 million followers").

Numbers a claim leaves implicit are read from the claim before them: gapped
lists ("Shakira gave up 6,855,640, Katy Perry 5,632,634"), distributed
subjects ("Warren and Sanders each lost 100,000") and comparisons ("That
compares with 1.2 billion in the fourth quarter"). Totals, percentages,
dates, money and two-total changes are not claims; ranges are kept with their
bounds and no amount.

`merge_mentions` then merges the mentions of one claim (same kind, same
subject, amounts within 0.5 %) and takes the fields of the most direct
source (affected > platform > third party > reporter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from claimkit.attribute import clean_name
from claimkit.lexicon.claims import (
    ACCOUNT_NOUNS,
    BARE_GAIN_VERBS,
    BARE_LOSS_VERBS,
    COMPARISON_PHRASES,
    COUNT_NOUNS,
    DATIVE_LOSS_VERBS,
    DISTRIBUTIVES,
    FAREWELL_NOUNS,
    FIRST_PERSON,
    FOLLOW_WORDS,
    FOLLOWER_CONTEXT_PATTERN,
    FOLLOWER_NOUNS,
    FOLLOWER_PRONOUNS,
    GAIN_COMPARATIVES,
    GAIN_NOUNS,
    GAIN_VERBS,
    GAP_SEPARATORS,
    INTRANSITIVE_RETURNS,
    LEAVE_VERBS,
    LEMMA_FIXES,
    LIKE_NOUNS,
    LOSS_COMPARATIVES,
    LOSS_NOUNS,
    LOSS_VERBS,
    MONTH_WORDS,
    MOVE_VERBS,
    NAME_CONNECTORS,
    NAME_TITLES,
    NOUN_MODIFIERS,
    NUMBER_LABELS,
    OTHER_PRONOUNS,
    OWNED_NOUNS,
    PARTICLE_UP_VERBS,
    PEOPLE_NOUNS,
    PERSON_ANAPHORS,
    PHRASAL_DOWN,
    PHRASAL_UP,
    QUALIFIER_AFTER,
    QUALIFIER_PHRASES,
    RELATIVE_PRONOUNS,
    REMOVAL_NOUNS,
    REMOVE_VERBS,
    RETURN_ADVERBS,
    RETURN_VERBS,
    SUBJECT_ANAPHORS,
    TAKING_VERBS,
    THIRD_PERSON,
    THRESHOLD_WORDS,
    TIME_NOUNS,
    TIME_UNITS,
    TOTAL_VERBS,
)
from claimkit.lexicon.platforms import is_platform_anaphor, platform_in, platform_of_name
from claimkit.lexicon.speech import SPEECH_VERBS
from claimkit.names import fullest_name, name_tokens, names_match
from claimkit.numbers import AmountMatch, SpanMatch, find_amounts, find_spans, resolve_period
from claimkit.types import Claim, Document, Span, Statement

ROLE_PRIORITY = {"affected": 0, "platform": 1, "third_party": 2, "reporter": 3}
AMOUNT_TOLERANCE = 0.005
#: Entity labels that name an account holder.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"})
#: Nouns a claim counts, whatever the tagger made of them ("spam accounts" tagged as a verb).
COUNTED_NOUNS = FOLLOWER_NOUNS | ACCOUNT_NOUNS | PEOPLE_NOUNS
#: Verbs that change a count (what a number's governing verb should be).
CHANGE_VERBS = LOSS_VERBS | GAIN_VERBS | REMOVE_VERBS | BARE_LOSS_VERBS | BARE_GAIN_VERBS

FOLLOWER_CONTEXT_RE = re.compile(FOLLOWER_CONTEXT_PATTERN, re.IGNORECASE)
#: Any qualifier phrase, as a regex (for "down by about 500", "from roughly 145m").
_QUALIFIER_WORDS = "(?:" + "|".join(
    re.escape(phrase).replace(r"\ ", r"\s+")
    for phrase in sorted({*QUALIFIER_PHRASES, "just", "only"} - {"~", "reportedly"}, key=len, reverse=True)
    if phrase[0].isalpha()
) + ")"


@dataclass(frozen=True)
class ClaimMention:
    """One place a claim is stated, before mentions of the same claim are merged.

    `first_person` marks a claim its subject states themself: in the first
    person ("I lost 3000"), in a post that leaves the subject implicit
    ("Lost 1.1k followers today"), or in reported speech whose speaker is the
    subject ("Kher said he had lost 80,000").
    """

    kind: str
    subject: str
    amount: int | None
    amount_text: str
    qualifier: str
    start: int
    end: int
    statement: int
    platform: str | None
    duration_seconds: int | None = None
    period_text: str | None = None
    period_relative: bool = False
    total: int | None = None
    amount_low: int | None = None
    amount_high: int | None = None
    first_person: bool = False


@dataclass(frozen=True)
class _Reading:
    """What the words around a number make of it: the kind and the word that says so."""

    kind: str
    trigger: object  # spaCy Token
    extra: tuple[tuple[str, object], ...] = ()  # further (kind, trigger) pairs for the same number


# --------------------------------------------------------------------------- helpers


def statement_at(statements: Sequence[Statement], offset: int) -> int | None:
    """Index of the statement that holds a character offset (the narrowest)."""
    best = None
    for index, statement in enumerate(statements):
        if statement.start <= offset < statement.end:
            if best is None or (statement.end - statement.start) < (statements[best].end - statements[best].start):
                best = index
    return best


def _tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _anchor(span):
    """The token of an amount span whose head lies outside it."""
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head.i == token.i:
            return token
    return span[-1]


def _lemma(token) -> str:
    """A token's lemma, lower case ("unfollowed" → "unfollow", which the lemmatizer mangles)."""
    if token is None:
        return ""
    return LEMMA_FIXES.get(token.lower_, token.lemma_.lower())


def _is_verb(token) -> bool:
    return token is not None and token.pos_ in {"VERB", "AUX"}


def _quantified_noun(doc, span, anchor):
    """The noun the number counts: "2 million (reply-spam) bots", "3,000 of his followers", "1,200 of them"."""
    sent = span.sent
    position = span.end
    while position < sent.end and doc[position].is_space:
        position += 1
    if position < sent.end and doc[position].lower_ == "of":
        objects = [c for c in doc[position].children if c.dep_ == "pobj"]
        if objects and (objects[0].pos_ in {"NOUN", "PROPN"} or objects[0].lower_ in FOLLOWER_PRONOUNS):
            return objects[0]
    head = anchor.head
    if anchor.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} and head.i >= span.end and (head.pos_ in {"NOUN", "PROPN"} or head.lower_ in COUNTED_NOUNS):
        while head.dep_ == "compound" and head.head.i > head.i and head.head.i - span.end <= 5:
            head = head.head  # "1.5 million spam accounts": the head of the compound
        if head.i - span.end <= 5:
            return head
    seen = 0
    for token in doc[span.end : sent.end]:
        if token.is_space:
            continue
        lower = token.lower_
        if lower in NOUN_MODIFIERS or token.pos_ == "ADJ" or token.tag_ == "POS":
            seen += 1
            if seen > 5:
                return None
            continue
        if (token.pos_ in {"NOUN", "PROPN"} or lower in COUNTED_NOUNS) and not token.like_num and lower not in TIME_NOUNS:
            return token
        return None
    return None


def _governing_verb(token, limit: int = 7):
    current = token
    for _ in range(limit):
        if _is_verb(current):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _before(text: str, amount: AmountMatch, width: int = 40) -> str:
    """The words before a number, lower case, spaces collapsed (a trailing space kept)."""
    return re.sub(r"\s+", " ", text[max(0, amount.start - width) : amount.start].lower())


def _after(text: str, amount: AmountMatch, width: int = 30) -> str:
    return text[amount.end : amount.end + width].lower()


def qualifier_of(text: str, start: int, end: int, plus: bool = False) -> str:
    """The qualifier of the number at text[start:end] (SPEC section 2).

    Example:
        >>> qualifier_of("lost nearly 80,000 followers", 12, 18)
        'under'

    "up to" is "under" unless its "up" belongs to the verb ("woke up to 12,000 fewer").
    """
    before = " ".join(text[max(0, start - 40) : start].lower().split())
    for phrase in sorted(QUALIFIER_PHRASES, key=len, reverse=True):
        match = re.search(rf"(?:^|[\s(]){re.escape(phrase)}\s*$", before)
        if match and not (phrase == "up to" and before[: match.start()].split()[-1:] in ([w] for w in PARTICLE_UP_VERBS)):
            return QUALIFIER_PHRASES[phrase]
    if plus:
        return "over"
    after = text[end : end + 16].lower()
    for phrase in sorted(QUALIFIER_AFTER, key=len, reverse=True):
        if phrase == "+":
            continue
        if re.match(rf"\s*{re.escape(phrase)}\b" if phrase[-1].isalpha() else rf"\s*{re.escape(phrase)}", after):
            return QUALIFIER_AFTER[phrase]
    if re.search(r"\breportedly\b(?:\s+\S+){0,3}\s*$", before):
        return "approx"
    return "exact"


def _is_excluded(text: str, amount: AmountMatch) -> bool:
    """Percentages, dates, times, money, years, ordinals and list numbers are not amounts."""
    after = text[amount.end : amount.end + 12].lower()
    before = text[max(0, amount.start - 12) : amount.start].lower()
    if re.match(r"\s*(?:%|percent|per\s*cent|pc\b|st\b|nd\b|rd\b|th\b|/)", after):
        return True
    next_word = re.match(r"[\s-]*([a-z%]+)", after)
    if next_word and (next_word.group(1) in TIME_UNITS or next_word.group(1) in MONTH_WORDS):
        return True
    prev_word = re.search(r"([a-z]+)\W*$", before)
    if prev_word and prev_word.group(1) in MONTH_WORDS | NUMBER_LABELS:
        return True
    if re.search(r"[$£€¥₹]\s*$|\b(?:usd|dollars?|rs\.?|inr|eur|gbp)\s*$", before) or re.match(r"\s*(?:dollars|usd|euros|pounds|rupees|bucks)", after):
        return True
    if not amount.spelled and re.fullmatch(r"(?:19|20)\d\d", amount.text) and "," not in amount.text:
        return not re.match(r"\s*(?:more|fewer|new|of|\w+\s+)?(?:followers|subscribers|fans|accounts|bots)", after)
    return bool(amount.spelled and amount.value == 1 and not re.match(r"\s*(?:million|thousand|billion)", after))


def _from_to(text: str, amount: AmountMatch) -> bool:
    """Part of "from 145m to 143m": a change implied by two totals, not a claim."""
    before = text[max(0, amount.start - 60) : amount.start].lower()
    after = text[amount.end : amount.end + 40].lower()
    if re.search(rf"\bfrom\s*{_QUALIFIER_WORDS}?\s*$", before) and re.match(r"\s*(?:\w+\s+){0,2}(?:followers\s+)?(?:to|down\s+to|up\s+to)\b", after):
        return True
    return bool(re.search(rf"\bfrom\s+[\d.,]+\s*(?:k|m|mn|million|thousand|bn|billion)?\s*(?:\w+\s+)?(?:down\s+|up\s+)?to\s*{_QUALIFIER_WORDS}?\s*$", before))


def _range_partner(text: str, amounts: Sequence[AmountMatch], index: int) -> AmountMatch | None:
    """The upper bound when this amount starts a range ("8 to 10 million", "between 40,000 and 80,000")."""
    if index + 1 >= len(amounts):
        return None
    first, second = amounts[index], amounts[index + 1]
    between = text[first.end : second.start].strip().lower()
    before = text[max(0, first.start - 10) : first.start].lower()
    if between in {"to", "-", "–", "or"} or (between == "and" and "between" in before):
        return second
    return None


def _sentence_has(sent, words: frozenset[str]) -> bool:
    return any(t.lower_ in words or t.lemma_.lower() in words for t in sent)


# --------------------------------------------------------------------------- subjects


class _Subjects:
    """Resolves the subject of a claim to a name in the document."""

    def __init__(self, doc, statements: Sequence[Statement], platform: str | None) -> None:
        self.doc = doc
        self.statements = statements
        self.platform = platform
        self.speakers = [s.speaker for s in statements if not s.anonymous and s.role != "reporter" and _name_like(s.speaker)]
        self.entities = [_clean_entity(e) for e in doc.ents if e.label_ in {"PERSON", "ORG"}]
        self.people = [(e.start_char, _clean_entity(e)) for e in doc.ents if e.label_ == "PERSON" and _clean_entity(e)]

    def canonical(self, name: str) -> str:
        """The fullest form of a name among the speakers and the people and organisations
        the text names ("Kher" → "Anupam Kher", "jack" → "Jack Dorsey")."""
        name = _strip_titles(re.sub(r"[’']s?$", "", clean_name(name.strip()) or name.strip()))
        return fullest_name(name, [_strip_titles(n) for n in (*self.speakers, *self.entities) if n])

    def of_token(self, token, statement: Statement) -> tuple[str | None, bool]:
        """(name, first person) for a subject token."""
        lower = token.lower_
        if lower in FIRST_PERSON:
            if statement.role == "reporter" or statement.anonymous:
                return None, False
            return self.canonical(statement.speaker), True
        if lower in RELATIVE_PRONOUNS:
            antecedent = _relative_antecedent(token)
            return self.of_token(antecedent, statement) if antecedent is not None else (None, False)
        if lower in THIRD_PERSON:
            reporter = self.reported_speaker(token, statement)
            if reporter is not None:
                return reporter
            if lower in {"it", "its"}:
                return None, False
            before = [name for start, name in self.people if start < token.idx]
            return (self.canonical(before[-1]) if before else None), False
        if lower in OTHER_PRONOUNS:
            return None, False
        if token.pos_ == "NOUN" and self.platform and lower in {"company", "platform", "site", "network", "service"}:
            return self.platform, False
        owner = _owner(token)
        if owner is not None:
            return self.of_token(owner, statement)
        if token.pos_ not in {"PROPN", "NOUN"} and token.ent_type_ not in {"PERSON", "ORG"}:
            return None, False
        if token.pos_ == "NOUN" and token.ent_type_ == "" and _looks_like_name(token):
            return self.canonical(token.text), False
        if token.pos_ == "NOUN" and token.ent_type_ == "":
            named = next((c for c in token.children if c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" and c.i > token.i), None)
            if named is not None:  # "the pop star Lena Cruz"
                return self.canonical(_name(named)), False
            if lower in COUNT_NOUNS:
                return self.reported_speaker(token, statement) or (None, False)
            if lower not in SUBJECT_ANAPHORS:
                return None, False
            named = _appositive_antecedent(token)
            if named is not None:
                return self.canonical(named), False
            if lower in PERSON_ANAPHORS:
                before = [name for start, name in self.people if start < token.idx]
                return (self.canonical(before[-1]) if before else None), False
            return None, False
        return self.canonical(_name(token)), False

    def reported_speaker(self, token, statement: Statement) -> tuple[str, bool] | None:
        """The speaker of a reported clause, for "he"/"it"/"the number" in it ("Kher said he had lost")."""
        verb = _speech_verb_above(token)
        if verb is None:
            return None
        subject = _subject_tokens(verb)
        if subject is None or subject.lower_ in THIRD_PERSON | RELATIVE_PRONOUNS and subject.i == token.i:
            return None
        if subject.lower_ in THIRD_PERSON:
            if subject.i >= token.i:
                return None
            name, _ = self.of_token(subject, statement)
        else:
            name, _ = self.of_token(subject, statement)
        if not name or platform_of_name(name) or is_platform_anaphor(f"the {subject.lower_}"):
            return None
        return name, True

    def before_paren(self, doc, index: int) -> str | None:
        """The name right before "(": "Justin Bieber (20M loss)"."""
        tokens = []
        position = index - 1
        while position >= 0 and (doc[position].pos_ == "PROPN" or doc[position].ent_type_ == "PERSON"):
            tokens.insert(0, doc[position])
            position -= 1
        if not tokens:
            return None
        return self.canonical(" ".join(t.text for t in tokens))


def _strip_titles(name: str) -> str:
    """A name without the titles the parser or NER glued to it ("Campaigner Leo Grant", "Sen. Ruth Ellis")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in NAME_TITLES:
        words.pop(0)
    return " ".join(words)


def _name_like(text: str) -> bool:
    """A speaker label that is a name ("Jack Dorsey", "jack", "Maple & Thread"), not a
    description the attribution kept ("Twitter's own rules", "analytics firm CrowdTangle")."""
    words = text.split()
    return len(words) == 1 or all(w[:1].isupper() or w[:1] in "@&" or w.lower() in NAME_CONNECTORS for w in words) and not any("'" in w or "’" in w for w in words)


def _looks_like_name(token) -> bool:
    """A capitalised word the tagger took for a common noun ("Tyga lost ..."): never written
    in lower case in the document, no determiner, not a word of the claim lexicon."""
    if not token.text[:1].isupper() or token.tag_ not in {"NN", "NNP"} or len(token.text) < 3 or token.is_stop:
        return False
    if any(c.dep_ in {"det", "poss"} for c in token.children):
        return False
    if token.lower_ in FOLLOWER_NOUNS | ACCOUNT_NOUNS | COUNT_NOUNS | SUBJECT_ANAPHORS | PEOPLE_NOUNS:
        return False
    return not any(t.text == token.lower_ for t in token.doc)


def _owner(token):
    """"Obama's account" → Obama; "the account of X" → X; "Ronaldo's Instagram" → Ronaldo."""
    if platform_of_name(token.text) and token.pos_ == "PROPN":
        return next((c for c in token.children if c.dep_ == "poss"), None)
    if token.lower_ not in OWNED_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ not in FOLLOWER_PRONOUNS:
                return objects[0]
    for child in token.children:
        if child.dep_ == "compound" and child.lower_ in {"follower", "subscriber", "fan"}:
            for grand in child.children:
                if grand.dep_ == "poss":
                    return grand
    return None


def _name(token) -> str:
    """The proper name a token is part of, without possessives or numbers
    ("Facebook for Every Phone" whole, "Kher's" as "Kher")."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end and e.label_ in NAME_LABELS), None)
    if ent is not None:
        cleaned = _clean_entity(ent)
        if cleaned:
            return cleaned + _name_tail(token)
    parts = [token]
    for child in token.children:
        if child.dep_ in {"compound", "flat"} and child.i < token.i and child.pos_ == "PROPN":
            parts.extend(child.subtree)
    return _join(sorted(parts, key=lambda t: t.i)) + _name_tail(token)


def _name_tail(token) -> str:
    """" for Every Phone" after "Facebook": a connector and capitalised words that the parser
    hung on the name."""
    doc = token.doc
    position = token.i + 1
    if position >= len(doc) or doc[position].lower_ not in {"for", "of"} or doc[position].head.i != token.i:
        return ""
    words = []
    for following in doc[position + 1 : position + 5]:
        if following.text[:1].isupper() and (following.pos_ in {"PROPN", "DET", "NOUN", "ADJ"}):
            words.append(following.text)
        else:
            break
    return f" {doc[position].text} " + " ".join(words) if words else ""


def _join(tokens) -> str:
    """Tokens as written (keeping "T-Series" and "Coca-Cola" whole)."""
    out = ""
    for token in tokens:
        if token.is_punct and token.text not in {"-", "&", "."}:
            continue
        out += token.text + token.whitespace_
    return out.strip()


def _clean_entity(ent) -> str:
    """An entity's name: its proper-noun tokens before any possessive ("Kher’s 900k" → "Kher")."""
    words = []
    for token in ent:
        if token.tag_ == "POS" or token.lower_ in {"'s", "’s"} or token.like_num:
            break
        if token.pos_ == "PROPN" or (words and token.text in {"-", "&"}):
            words.append(token)
        elif token.lower_ == "the" and not words:
            continue
        elif words:
            break
    while words and words[-1].text in {"-", "&"}:
        words.pop()
    return clean_name(_join(words))


def _relative_antecedent(token):
    """The noun a relative pronoun stands for: "Bill Mitchell, who had reported ..." → Mitchell."""
    current = token.head
    for _ in range(4):
        if current.dep_ == "relcl":
            return current.head
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _appositive_antecedent(token) -> str | None:
    """A name an earlier mention of the same noun stood beside ("the label" → "music label T-Series")."""
    lemma = token.lemma_.lower()
    for earlier in reversed(token.doc[: token.i]):
        if earlier.lemma_.lower() != lemma:
            continue
        head = earlier.head
        if earlier.dep_ in {"compound", "appos"} and head.pos_ == "PROPN":
            return _name(head)
        for child in earlier.children:
            if child.dep_ in {"appos", "compound"} and child.pos_ == "PROPN":
                return _name(child)
        following = token.doc[earlier.i + 1] if earlier.i + 1 < len(token.doc) else None
        if following is not None and following.pos_ == "PROPN":
            return _name(following)
    return None


def _speech_verb_above(token, limit: int = 6):
    """The speech verb whose reported clause holds a token ("she said [she had lost 400]")."""
    current = token
    for _ in range(limit):
        if current.head.i == current.i:
            return None
        dep = current.dep_
        current = current.head
        if _is_verb(current) and _lemma(current) in SPEECH_VERBS and dep in {"ccomp", "xcomp", "advcl", "dobj", "prep", "conj", "dep", "parataxis", "pcomp"}:
            return current
    return None


def _subject_tokens(verb):
    """The subject of a verb, or of the clause it hangs from ("who" stays "who").

    A sentence-initial word followed by a comma is an interjection the parser
    took for a subject ("Same, lost 800 here"): no subject.
    """
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            subject = subjects[0]
            following = subject.doc[subject.i + 1] if subject.i + 1 < len(subject.doc) else None
            if subject.is_sent_start and following is not None and following.text == "," and not subject.n_lefts and not subject.n_rights:
                return None
            return subject
        if current.dep_ in {"relcl", "acl"}:
            return current.head
        if current.dep_ in {"xcomp", "advcl", "conj", "pcomp", "ccomp", "prep", "pobj"} and current.head.i != current.i:
            current = current.head
            continue
        return None
    return None


def _conjuncts(token) -> list:
    """A token and every name conjoined with it ("Warren, Schiff and Sanders")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN"}:
            out.extend(_conjuncts(child))
    return out


def _distributes(verb, subject, anchor) -> bool:
    """"each"/"both"/"apiece" spreads one amount over conjoined subjects
    ("Warren and Sanders each lost 100,000", "they both gained 2,000", "lost 500 apiece")."""
    doc = verb.doc
    near = {t.lower_ for t in doc[max(subject.i, verb.i - 2) : verb.i + 1]}
    near |= {c.lower_ for c in verb.children if c.dep_ in {"dep", "appos", "advmod", "npadvmod"}}
    near |= {c.lower_ for c in subject.children if c.dep_ in {"appos", "dep", "det"}}
    after = {t.lower_ for t in doc[anchor.i + 1 : min(anchor.i + 4, anchor.sent.end)]}
    return bool(near & DISTRIBUTIVES - {"apiece"} or after & DISTRIBUTIVES - {"both"})


# --------------------------------------------------------------------------- reading one number


class _Reader:
    """Everything a number's reading needs about its document."""

    def __init__(self, doc, statements: Sequence[Statement], document: Document, platform: str | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.statements = statements
        self.document = document
        self.platform = platform
        self.subjects = _Subjects(doc, statements, platform)
        self.spans = find_spans(doc.text)
        self.amounts = [a for a in find_amounts(doc.text) if a.start >= document.body_start]
        self.blockers = [(a.start, a.end) for a in self.amounts if not _is_excluded(doc.text, a)]
        self.follower_context = bool(FOLLOWER_CONTEXT_RE.search(doc.text[document.body_start :]))

    def account_context(self, sent) -> bool:
        """The sentence or the one before speaks of accounts ("it removed more than 3 billion")."""
        start = sent.start
        previous = self.doc[start - 1].sent if start > 0 else None
        tokens = list(sent) + (list(previous) if previous is not None else [])
        return any(t.lower_ in ACCOUNT_NOUNS for t in tokens)


@dataclass(frozen=True)
class _Site:
    """A number in its sentence: the tokens and words a reading looks at."""

    reader: _Reader
    statement: Statement
    amount: AmountMatch
    span: object  # the number's spaCy Span
    anchor: object  # its head token
    noun: object | None  # the noun it counts, if any
    verb: object | None  # the verb that governs it, if any
    before: str
    after: str

    @property
    def noun_word(self) -> str:
        return self.noun.lower_ if self.noun is not None else ""

    @property
    def follower_noun(self) -> bool:
        word = self.noun_word
        return word in FOLLOWER_NOUNS or _lemma(self.noun) in FOLLOWER_NOUNS or (word in FOLLOWER_PRONOUNS and self.reader.follower_context)

    @property
    def account_noun(self) -> bool:
        return self.noun_word in ACCOUNT_NOUNS or _lemma(self.noun) in ACCOUNT_NOUNS

    @property
    def verb_lemma(self) -> str:
        return _lemma(self.verb)

    @property
    def number_is_subject(self) -> bool:
        """"300 came back", "3,000 of his followers had disappeared", "1,200 of them returned"."""
        anchor, noun = self.anchor, self.noun
        if anchor.dep_ in {"nsubj", "nsubjpass"}:
            return True
        return noun is not None and noun.dep_ in {"nsubj", "nsubjpass"} and _in_subtree(anchor, noun)

    def returns(self) -> bool:
        """The verb brings followers back ("returned", "came back", "are back")."""
        verb, lemma = self.verb, self.verb_lemma
        if verb is None:
            return False
        back = any(c.lower_ in RETURN_ADVERBS for c in verb.children)
        return (lemma in RETURN_VERBS and (lemma != "come" or back)) or (lemma in {"be", "bounce", "flood", "trickle"} and back)


def _site(reader: _Reader, statement: Statement, amount: AmountMatch, span, anchor, noun) -> _Site:
    """The number's governing verb, repaired where the parse breaks ("I've lost close to 1,000")."""
    counted = noun is not None and noun.i > anchor.i and _in_subtree(anchor, noun) and noun.dep_ != "pobj"
    verb = _governing_verb(noun if counted else anchor)
    changing = CHANGE_VERBS
    if _lemma(verb) not in changing:
        window = [t for t in reader.doc[max(anchor.sent.start, span.start - 6) : span.start] if _is_verb(t)]
        candidates = [t for t in window if _lemma(t) in changing]
        if candidates:
            verb = candidates[-1]
    return _Site(reader, statement, amount, span, anchor, noun, verb, _before(reader.text, amount), _after(reader.text, amount))


def _classify(site: _Site) -> _Reading | None:
    """The claim kind a number's context gives, and the word that gives it."""
    context = site.reader.follower_context
    if context and (site.noun is None or site.follower_noun):
        reading = _read_comparative(site) or _read_farewell(site)
        if reading is not None:
            return reading
    if context and (site.noun is None or site.follower_noun or site.noun_word in COUNT_NOUNS):
        reading = _read_prefix(site)
        if reading is not None:
            return reading
    if site.follower_noun:
        return _read_followers(site)
    if site.account_noun or site.noun_word in PEOPLE_NOUNS:
        return _read_accounts(site)
    if site.noun_word in LOSS_NOUNS or _lemma(site.noun) in LOSS_NOUNS:
        return _Reading("follower_loss", site.noun) if context else None  # "Kher's 900k drop"
    if site.noun_word in GAIN_NOUNS or _lemma(site.noun) in GAIN_NOUNS:
        return _Reading("follower_gain", site.noun) if context else None
    if site.noun is not None and site.noun_word not in COUNT_NOUNS:
        return None  # the number counts something else ("13 Russian nationals", "7.2 billion follow requests")
    return _read_bare(site)


def _read_comparative(site: _Site) -> _Reading | None:
    """"80,000 fewer followers", "640 followers lighter", "I'm 900 down", "300 up on the week"."""
    after = site.after
    match = re.match(r"\s*([a-z]+)\b", after)
    if not match or match.group(1) not in LOSS_COMPARATIVES | GAIN_COMPARATIVES:
        match = re.match(r"\s*(?:\w+\s+){0,2}?(?:followers|subscribers|subs|fans|likes)\s+([a-z]+)\b", after)
    if not match or re.match(r"\s*(?:\w+\s+)?(?:to|from)\b", after[match.end(1) :]):
        return None  # "down to 3,000" is a total
    word = match.group(1)
    trigger = _token_at(site.reader.doc, site.amount.end + match.start(1)) or site.anchor
    if word in LOSS_COMPARATIVES:
        return _Reading("follower_loss", trigger)
    if word in GAIN_COMPARATIVES:
        return _Reading("follower_gain", trigger)
    return None


def _read_farewell(site: _Site) -> _Reading | None:
    """"said goodbye to 48 followers", "tweeted a farewell to 3k subscribers"."""
    farewells = "|".join(sorted(FAREWELL_NOUNS))
    if not re.search(rf"\b(?:{farewells})\s+to\s*{_QUALIFIER_WORDS}?\s*$", site.before):
        return None
    doc, span = site.reader.doc, site.span
    trigger = next((t for t in reversed(doc[max(0, span.start - 6) : span.start]) if t.lower_ in FAREWELL_NOUNS), site.anchor)
    return _Reading("follower_loss", trigger)


def _read_followers(site: _Site) -> _Reading | None:
    """A number of followers: what the verb over them says happened."""
    verb, lemma, noun = site.verb, site.verb_lemma, site.noun
    if site.number_is_subject and verb is not None:
        if site.returns():
            return _Reading("follower_gain", verb, _relative_loss(noun))  # "300 followers came back"
        if lemma in LEAVE_VERBS:
            return _Reading("follower_loss", verb)  # "350k followers, gone"
        if lemma in TAKING_VERBS | REMOVE_VERBS and any(c.dep_ == "auxpass" for c in verb.children):
            kind = "follower_loss" if _has_owner(noun) or _passive_owner(verb) else _platform_removal(noun)
            return _Reading(kind, verb) if kind else None
    predicate = _predicate_after(noun)
    if predicate is not None:
        return _Reading(predicate[0], predicate[1], _relative_loss(noun) if predicate[0] == "follower_gain" else ())
    if _relative_loss(noun) and not site.number_is_subject:
        return _Reading(*_relative_loss(noun)[0])  # "the 212 subs I lost"
    if re.match(r"\s*(?:more|new|additional|extra)\b", site.after) and lemma not in LOSS_VERBS:
        return _Reading("follower_gain", verb) if lemma in GAIN_VERBS | {"have", "get"} else None
    if lemma in GAIN_VERBS and not (lemma in INTRANSITIVE_RETURNS and not site.number_is_subject):
        return _Reading("follower_gain", verb)
    if lemma in LOSS_VERBS - TAKING_VERBS or lemma in BARE_LOSS_VERBS:
        return _Reading("follower_loss", verb)
    if lemma in REMOVE_VERBS | TAKING_VERBS:
        # "X wiped 5.8k followers off my account" is a loss; "we removed 211.3 million followers" a removal.
        if _has_owner(noun) or _subject_is_person(verb, site.statement) or _removed_from_owner(verb):
            return _Reading("follower_loss", verb)
        kind = _platform_removal(noun)
        return _Reading(kind, verb) if kind else None
    return None


def _read_accounts(site: _Site) -> _Reading | None:
    """A number of accounts, bots or people: removed by a platform, or leaving someone's followers."""
    verb, lemma, noun = site.verb, site.verb_lemma, site.noun
    if verb is not None and site.number_is_subject and lemma in LEAVE_VERBS and _sentence_has(site.anchor.sent, FOLLOW_WORDS):
        return _Reading("follower_loss", verb)  # "900000 people have vanished from my follower list"
    if not site.account_noun:
        return None
    if lemma in REMOVE_VERBS or lemma in TAKING_VERBS and _subject_is_platform(verb):
        return _Reading("accounts_removed", verb)
    head = noun.head if noun is not None else None
    if head is not None and head.lower_ == "of" and _lemma(head.head) in REMOVAL_NOUNS:
        return _Reading("accounts_removed", head.head)  # "the removal of 2 million accounts"
    return None


def _read_bare(site: _Site) -> _Reading | None:
    """A number with no noun, read off its verb: "she had lost 400", "PewDiePie added 145,000",
    "280 came back", "it removed more than 3 billion"."""
    verb, lemma = site.verb, site.verb_lemma
    if verb is None or not _attached(site.anchor, verb):
        return None
    context = site.reader.follower_context
    if context and lemma in BARE_LOSS_VERBS and (lemma != "give" or any(c.lower_ == "up" for c in verb.children)):
        return None if site.number_is_subject and lemma not in LEAVE_VERBS else _Reading("follower_loss", verb)
    if context and lemma in BARE_GAIN_VERBS and not site.number_is_subject:
        return _Reading("follower_gain", verb)
    if context and site.number_is_subject and site.returns():
        return _Reading("follower_gain", verb)
    if lemma in REMOVE_VERBS and not site.number_is_subject and site.reader.account_context(site.anchor.sent):
        subject = _subject_tokens(verb)
        if subject is None or _subject_is_platform(verb) or subject.lower_ in {"it", "we", "they"}:
            return _Reading("accounts_removed", verb)
    return None


def _read_prefix(site: _Site) -> _Reading | None:
    """Words right before the number: "a drop of 3,000", "Kher's fall of roughly 900k",
    "put Gaga's loss at 2.5 million", "down about 500,000", "up by 40", "fell by 2,000"."""
    doc, span, anchor, before, verb = site.reader.doc, site.span, site.anchor, site.before, site.verb
    change_noun = re.search(rf"\b([a-z]+)\s+(of|at|by)\s+{_QUALIFIER_WORDS}?\s*$", before)
    if change_noun:
        word = change_noun.group(1)
        trigger = next((t for t in reversed(doc[max(0, span.start - 6) : span.start]) if t.lower_ == word), anchor)
        lemma = _lemma(trigger) if trigger is not anchor else word
        by = change_noun.group(2) == "by"
        if word in LOSS_NOUNS or by and lemma in (LOSS_VERBS | BARE_LOSS_VERBS) - TAKING_VERBS:
            return _Reading("follower_loss", trigger)
        if word in GAIN_NOUNS or by and lemma in GAIN_VERBS | BARE_GAIN_VERBS:
            return _Reading("follower_gain", trigger)
    down = _previous_word(doc, span, "down")
    if re.search(rf"\bdown\s+(?:by\s+)?{_QUALIFIER_WORDS}?\s*$", before) and not _phrasal(down, PHRASAL_DOWN):
        return _Reading("follower_loss", down or anchor)
    up = _previous_word(doc, span, "up")
    if re.search(rf"\bup\s+(?:by\s+)?{_QUALIFIER_WORDS}?\s*$", before) and not re.search(r"\bup\s+to\s*$", before) and not _phrasal(up, PHRASAL_UP):
        return _Reading("follower_gain", up or anchor)
    lemma = _lemma(verb)
    if re.search(rf"\bby\s*{_QUALIFIER_WORDS}?\s*$", before) and verb is not None:
        if lemma in (LOSS_VERBS | BARE_LOSS_VERBS) - TAKING_VERBS:
            return _Reading("follower_loss", verb)
        if lemma in GAIN_VERBS | BARE_GAIN_VERBS:
            return _Reading("follower_gain", verb)
    return None


def _phrasal(particle, verbs: frozenset[str]) -> bool:
    """"gave up 6,855,640", "took down 1.67 million": the particle belongs to another verb."""
    return particle is not None and particle.dep_ == "prt" and _lemma(particle.head) in verbs


def _token_at(doc, offset: int):
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _previous_word(doc, span, word: str):
    return next((t for t in reversed(doc[max(span.sent.start, span.start - 5) : span.start]) if t.lower_ == word), None)


def _in_subtree(token, root) -> bool:
    current = token
    for _ in range(4):
        if current.i == root.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _attached(anchor, verb) -> bool:
    """The number belongs to the verb's own clause (its object, subject or adjunct)."""
    if verb.i < anchor.i and anchor.i - verb.i <= 6 and not any(_is_verb(t) and t.dep_ not in {"aux", "auxpass", "prt"} for t in verb.doc[verb.i + 1 : anchor.i]):
        return True
    current = anchor
    for _ in range(3):
        if current.head.i == verb.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _relative_loss(noun) -> tuple[tuple[str, object], ...]:
    """"the 212 subs I lost ... are back" also states the loss."""
    if noun is None:
        return ()
    for child in noun.children:
        if child.dep_ in {"relcl", "acl"} and _lemma(child) in LOSS_VERBS and _lemma(child) not in TAKING_VERBS:
            return (("follower_loss", child),)
    return ()


def _predicate_after(noun) -> tuple[str, object] | None:
    """What the words after a counted noun phrase say happened to it, read off the text
    when the parse misses it: "the 212 subs I lost in the purge are back" → gain."""
    doc = noun.doc
    end = max(t.i for t in noun.subtree) + 1
    words = [t for t in doc[end : min(end + 5, noun.sent.end)] if not t.is_space]
    while words and (words[0].pos_ == "ADV" and words[0].lower_ != "back" or words[0].dep_ in {"aux", "neg"} and words[0].lemma_ != "be" or words[0].is_punct and words[0].text == ","):
        words.pop(0)
    if not words or noun.dep_ in {"nsubj", "nsubjpass"}:
        return None
    first = words[0]
    rest = [t for t in words[1:] if t.pos_ != "ADV" or t.lower_ == "back"]
    if first.lemma_ == "be" and rest and rest[0].lower_ == "back":
        return "follower_gain", first
    if first.pos_ == "VERB" and first.lemma_.lower() in RETURN_VERBS and (first.lemma_.lower() != "come" or rest and rest[0].lower_ == "back"):
        return "follower_gain", first
    return None


def _platform_removal(noun) -> str | None:
    """What a platform removing followers or likes is: removed accounts, or nothing (likes of posts)."""
    if noun is not None and noun.lower_ in LIKE_NOUNS:
        return None
    return "accounts_removed"


def _has_owner(noun) -> bool:
    if noun is None:
        return False
    if any(c.dep_ == "poss" for c in noun.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in {"of", "from", "off"} for c in noun.children)


def _removed_from_owner(verb) -> bool:
    """"wiped 5.8k followers off my account": the followers were taken from someone."""
    return any(c.dep_ == "prep" and c.lower_ in {"from", "off"} for c in verb.children) or any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children
    ) and any(c.dep_ in {"pobj", "dobj"} for c in verb.subtree)


def _passive_owner(verb) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in {"from", "off"} for c in verb.children)


def _subject_is_platform(verb) -> bool:
    subject = _subject_tokens(verb) if verb is not None else None
    return subject is not None and bool(platform_of_name(subject.text) or is_platform_anaphor(f"the {subject.lower_}"))


def _subject_is_person(verb, statement: Statement) -> bool:
    """The verb's subject is a person (a platform's "we" is the platform)."""
    subject = _subject_tokens(verb) if verb is not None else None
    if subject is None:
        return False
    if subject.lower_ in FIRST_PERSON:
        return statement.role != "platform"
    return subject.ent_type_ == "PERSON" or subject.lower_ in {"he", "she"}


def _total_after(text: str, amount: AmountMatch) -> int | None:
    """M in "N of his M followers"."""
    match = re.match(r"\s+of\s+(?:his|her|its|their|my|our|your|the)\s+(?:own\s+)?(?:\w+\s+)?([\d.,]+\s*(?:k|m|mn|million|thousand|bn|billion)?)\s+(?:\w+\s+)?(?:followers|subscribers|fans|likes)", text[amount.end : amount.end + 80], re.IGNORECASE)
    if not match:
        return None
    from claimkit.numbers import parse_amount

    return parse_amount(match.group(1))


def _is_total(noun, verb, text: str, amount: AmountMatch, low: AmountMatch | None = None) -> bool:
    """A follower total, not a change: "has 53.4 million followers", "of its 100M followers",
    "with 2M followers", "fell to 143 million followers"."""
    before = _before(text, low or amount, 30)  # a range's words come before its low bound
    if re.search(rf"\bof\s+(?:his|her|their|its|my|our|your|the)\s+(?:own\s+)?{_QUALIFIER_WORDS}?\s*$", before):
        return True
    if re.search(rf"(?<!close )(?<!up )(?<!next )(?<!goodbye )(?<!farewell )(?<!bye )\bto\s+{_QUALIFIER_WORDS}?\s*$", before) or re.search(rf"\b(?:with|from)\s+{_QUALIFIER_WORDS}?\s*$", before):
        return True  # "fell to 143 million", "with 2M followers", "down from 111 million"
    after = text[amount.end : amount.end + 30].lower()
    if re.match(r"\s*(?:(?:\w+\s+)?(?:followers|subscribers)\s+)?(?:fewer|more|less|lighter|down|lower|short|up)\b", after):
        return False
    if re.search(r"\b(?:down|up)\s+(?:by\s+)?\S*\s*$", before):
        return False
    if verb is not None and any(c.lower_ in RETURN_ADVERBS for c in verb.children):
        return False  # "300 are back"
    return verb is not None and _lemma(verb) in TOTAL_VERBS - {"hit"} and noun is not None and noun.lower_ in FOLLOWER_NOUNS


def _crosses_threshold(span) -> bool:
    """"dropped below 100 million", "climbed past 5,000": a total crossing a mark, not a change."""
    doc = span.doc
    before = [t for t in doc[max(span.sent.start, span.start - 3) : span.start] if t.lower_ not in {"just", "well", "back"}]
    return len(before) >= 2 and before[-1].lower_ in THRESHOLD_WORDS and _lemma(before[-2]) in MOVE_VERBS


def read_mention(reader: _Reader, amount: AmountMatch, statement_index: int, low: AmountMatch | None = None) -> list[ClaimMention]:
    """The claim mentions a number states (usually none or one), read in its sentence.

    `low` is the lower bound when the number closes a range ("8 to 10 million").
    """
    doc, text = reader.doc, reader.text
    statement = reader.statements[statement_index]
    if _is_excluded(text, amount) or _from_to(text, amount):
        return []
    span = _tokens(doc, amount.start, amount.end)
    if span is None or _crosses_threshold(span):
        return []
    anchor = _anchor(span)
    noun = _quantified_noun(doc, span, anchor)
    in_parens = text[max(0, amount.start - 2) : amount.start].strip().endswith("(")
    reading = _classify(_site(reader, statement, amount, span, anchor, noun))
    if reading is None and in_parens:
        close = text.find(")", amount.end)
        inside = text[amount.start : close].lower() if close > 0 else ""
        sentence = span.sent.text.lower()
        if re.search(r"loss|lost|drop|down|fewer|-", inside) or re.search(r"\b(?:drops?|loss|lost|losses|declines?|losing|fell|falls?|down)\b", sentence):
            reading = _Reading("follower_loss", anchor)
        elif re.search(r"gain|up|\+", inside):
            reading = _Reading("follower_gain", anchor)
    if reading is None:
        return []
    readings = [(reading.kind, reading.trigger), *reading.extra]
    mentions = []
    for kind, trigger in readings:
        mention = _mention(reader, amount, span, anchor, noun, kind, trigger, statement_index, in_parens, low)
        if mention is not None:
            mentions.extend(mention)
    return mentions


def _mention(
    reader: _Reader, amount, span, anchor, noun, kind: str, trigger, statement_index: int, parenthetical: bool, low: AmountMatch | None = None
) -> list[ClaimMention]:
    """The mentions one reading of a number makes (one per subject), or none without a subject."""
    doc, text = reader.doc, reader.text
    statement = reader.statements[statement_index]
    verb = trigger if _is_verb(trigger) else None
    if _is_total(noun, verb if kind != "accounts_removed" else None, text, amount, low):
        return []
    if kind == "accounts_removed":
        platform = _platform_subject(reader, verb, statement)
        subjects = [(platform, False)] if platform else []
    else:
        name = reader.subjects.before_paren(doc, _open_paren(doc, span)) if parenthetical else None
        subjects = [(name, False)] if name else _follower_subjects(reader, anchor, noun, trigger, statement)
        subjects = [(name, first or _self_reported(reader, trigger or anchor, name, statement)) for name, first in subjects]
    if not subjects:
        return []
    start, end = _mention_bounds(span, trigger, noun)
    scope = trigger.subtree if kind == "follower_loss" and getattr(trigger, "dep_", "") in {"relcl", "acl"} else None
    duration, period, relative = _nearest_span(reader.spans, amount, span.sent, scope, reader.blockers)
    return [
        ClaimMention(
            kind=kind,
            subject=name,
            amount=amount.value,
            amount_text=amount.text,
            qualifier=qualifier_of(text, amount.start, amount.end, amount.plus),
            start=start,
            end=end,
            statement=statement_index,
            platform=platform_in(span.sent.text) or reader.platform,
            duration_seconds=duration,
            period_text=period,
            period_relative=relative,
            total=_total_after(text, amount),
            first_person=first,
        )
        for name, first in subjects
    ]


def _open_paren(doc, span) -> int:
    index = span.start - 1
    while index > 0 and doc[index].text != "(":
        index -= 1
    return index


def _platform_subject(reader: _Reader, verb, statement: Statement) -> str | None:
    """Who removed the accounts: the platform the verb's subject names, the platform speaking,
    the document's platform, or "platform" for "the company"/"we" when none is named."""
    subject = _subject_tokens(verb) if verb is not None else None
    own = platform_of_name(subject.text) if subject is not None else None
    if own is None and statement.role == "platform":
        own = platform_of_name(statement.speaker)
    own = own or reader.platform
    if own is None and (statement.role == "platform" or subject is not None and is_platform_anaphor(f"the {subject.lower_}")):
        own = "platform"
    return own


def _follower_subjects(reader: _Reader, anchor, noun, trigger, statement: Statement) -> list[tuple[str, bool]]:
    """Whose followers, as (name, stated by themself) pairs: a name before "down", a possessor or
    owner, the verb's subject(s), the speaker of a reported clause, or the author of a post."""
    return (
        _name_before_particle(reader, trigger)
        or _owner_subject(reader, (noun, trigger, anchor), statement)
        or _verb_subjects(reader, anchor, trigger, statement)
        or _speaker_subject(reader, anchor, trigger, statement)
    )


def _name_before_particle(reader: _Reader, trigger) -> list[tuple[str, bool]]:
    """"reports put Justin Bieber down about 20 million": the name right before "down"/"up"."""
    if trigger is None or trigger.lower_ not in {"down", "up"} or trigger.i == 0:
        return []
    previous = reader.doc[trigger.i - 1]
    if previous.pos_ == "PROPN" or previous.ent_type_ in {"PERSON", "ORG"}:
        return [(reader.subjects.canonical(_name(previous)), False)]
    return []


def _owner_subject(reader: _Reader, tokens, statement: Statement) -> list[tuple[str, bool]]:
    """"Kher's 900k drop", "his follower count", "3,000 of his followers", "the account of X"."""
    for token in tokens:
        if token is None:
            continue
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        owner = possessor if possessor is not None else (_owner(token) if token.lower_ in OWNED_NOUNS else None)
        if owner is not None:
            name, first = reader.subjects.of_token(owner, statement)
            if name:
                return [(name, first)]
    return []


def _verb_subjects(reader: _Reader, anchor, trigger, statement: Statement) -> list[tuple[str, bool]]:
    """The owner the verb names: its subject (each of "A, B and C each lost"), the object of
    "unfollow", the indirect object of "cost", or the "from"/"off" object."""
    subjects = reader.subjects
    verb = trigger if _is_verb(trigger) else _governing_verb(anchor)
    if trigger is not None and trigger.dep_ in {"relcl", "acl"}:
        verb = trigger
    if verb is None:
        return []
    stranded = _name_left_of_subjectless(verb)
    if stranded is not None:
        name, first = subjects.of_token(stranded, statement)
        if name:
            return [(name, first)]
    lemma = _lemma(verb)
    owners = [c for c in verb.children if c.dep_ in {"dative", "iobj"} and lemma in DATIVE_LOSS_VERBS or c.dep_ == "dobj" and lemma == "unfollow"]
    owners += [obj for child in verb.children if child.dep_ in {"prep", "prt"} and child.lower_ in {"from", "off", "for", "of"}
               for obj in child.children if obj.dep_ == "pobj"]
    for owner in owners:
        name, first = subjects.of_token(owner, statement)
        if name:
            return [(name, first)]
    subject = _subject_tokens(verb)
    if subject is not None and _counted(subject, anchor):
        owner = _owner(subject)
        if owner is not None:
            subject = owner  # "Tom Lee's fans dwindled by 2,000"
        elif verb.dep_ in {"ccomp", "xcomp"} and _lemma(verb.head) not in SPEECH_VERBS:
            subject = _subject_tokens(verb.head)  # "Priya Shah saw 20,000 followers vanish"
    if subject is None or _counted(subject, anchor):
        return []
    names = _conjuncts(subject) if subject.pos_ == "PROPN" and _distributes(verb, subject, anchor) else [subject]
    resolved = [subjects.of_token(token, statement) for token in names]
    return [(name, first) for name, first in resolved if name]


def _name_left_of_subjectless(verb):
    """A misparsed coordinated clause: "..., and Katy Perry, the most-followed person, dropped by 3 million",
    where the parser hangs the name on the previous clause and leaves the verb without a subject.

    Returns the person named just before the verb (past an appositive), when the verb has no
    subject of its own and is attached as an adverbial or conjunct clause.
    """
    if verb.dep_ not in {"advcl", "conj"} or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    doc = verb.doc
    index = verb.i - 1
    commas = 0
    while index >= verb.sent.start and verb.i - index <= 14:
        token = doc[index]
        if token.text == ",":
            commas += 1
            if commas > 2:
                return None
        elif token.pos_ in {"VERB", "AUX"} and token.dep_ in {"ROOT", "conj", "ccomp", "advcl", "relcl"}:
            return None
        elif token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
            if index == verb.sent.start or doc[index - 1].lower_ in {"and", ",", "while", "but"} or doc[index - 1].ent_type_ == "PERSON":
                return token
        index -= 1
    return None


def _speaker_subject(reader: _Reader, anchor, trigger, statement: Statement) -> list[tuple[str, bool]]:
    """The speaker as subject: of a reported clause ("he said 1,200 of them had come back"), of a
    first-person sentence, or of a post that leaves the owner out ("Lost 1.1k followers today",
    "the count has crept back up by 40")."""
    subjects = reader.subjects
    reported = subjects.reported_speaker(anchor, statement)
    if reported is not None:
        return [reported]
    if statement.role == "reporter" or statement.anonymous:
        return []
    if any(t.lower_ in FIRST_PERSON or t.lower_ in {"i've", "i’m", "i'm", "i’ve"} for t in anchor.sent):
        return [(subjects.canonical(statement.speaker), True)]
    verb = trigger if _is_verb(trigger) else _governing_verb(anchor)
    subject = _subject_tokens(verb) if verb is not None else None
    ownerless = subject is None or _counted(subject, anchor) or (subject.lower_ in COUNT_NOUNS and _owner(subject) is None)
    if ownerless and statement.role != "platform":
        return [(subjects.canonical(statement.speaker), True)]
    return []


def _self_reported(reader: _Reader, token, name: str, statement: Statement) -> bool:
    """The subject reports the claim themself: "Mitchell, who had reported losing 4,000 followers"."""
    verb = _speech_verb_above(token)
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if speaker is None or speaker.lower_ in RELATIVE_PRONOUNS and (speaker := _relative_antecedent(speaker)) is None:
        return False  # "Rihanna is estimated to have lost ...": nobody says it themself
    said, _ = reader.subjects.of_token(speaker, statement)
    return bool(said) and names_match(said, name)


def _counted(subject, anchor) -> bool:
    """The subject is the number or what it counts ("350k followers, gone"), not an owner."""
    return (
        subject.lower_ in FOLLOWER_NOUNS | PEOPLE_NOUNS | FOLLOWER_PRONOUNS
        or subject.i == anchor.i
        or _in_subtree(anchor, subject)
        or _in_subtree(subject, anchor)
    )


def _mention_bounds(span, trigger, noun) -> tuple[int, int]:
    tokens = [t for t in (span[0], span[-1], trigger, noun) if t is not None and hasattr(t, "idx")]
    sent = span.sent
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _nearest_span(
    spans: Sequence[SpanMatch], amount: AmountMatch, sent, scope=None, blockers: Sequence[tuple[int, int]] = ()
) -> tuple[int | None, str | None, bool]:
    """The span of time closest to the amount in its sentence (after it preferred).

    A span belongs to another number when one stands between them
    (`blockers`: the (start, end) offsets of the document's amounts), or one
    just before the span is nearer to it: in "1.2 billion
    in Q4, meaning it removed 3 billion in six months" the six months are the
    3 billion's. A span that opens the sentence frames all of it. With `scope`
    (a relative clause), only spans inside it count.
    """
    low, high = sent.start_char, sent.end_char
    if scope is not None:
        tokens = list(scope)
        low, high = min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)
    text = sent.doc.text

    def blocked(s: SpanMatch) -> bool:
        if s.start >= amount.end:
            return any(amount.end <= start < s.start for start, _ in blockers)
        if not text[low : s.start].strip(" \t\n\"'“‘("):
            return False  # fronted: "In those three weeks, A gained 3 and B 2"
        between = any(s.end <= start < amount.start for start, _ in blockers)
        closer = any(low <= start and end <= s.start and s.start - end < amount.start - s.end for start, end in blockers)
        return between or closer

    inside = [s for s in spans if low <= s.start and s.end <= high and not blocked(s)]
    if not inside:
        return None, None, False

    def distance(s: SpanMatch) -> int:
        return s.start - amount.end if s.start >= amount.end else 2 * (amount.start - s.end) + 20

    best = min(inside, key=distance)
    return best.seconds, best.text, best.relative


# --------------------------------------------------------------------------- implicit claims


def _gapped(reader: _Reader, amount: AmountMatch, previous: ClaimMention, statement_index: int) -> ClaimMention | None:
    """"Shakira gave up 6,855,640, Katy Perry 5,632,634": a name and a number after a claim.

    The words between the previous mention's number and this one must be a
    list separator, a proper name and at most a qualifier.
    """
    doc, text = reader.doc, reader.text
    span = _tokens(doc, amount.start, amount.end)
    if span is None or _is_excluded(text, amount):
        return None
    sent = span.sent
    if not (sent.start_char <= previous.start < sent.end_char):
        return None
    between = doc.char_span(previous.end, amount.start, alignment_mode="expand")
    if between is None:
        return None
    words = [t for t in between if not t.is_space]
    # Drop the rest of the previous mention ("followers") and the separator.
    while words and (words[0].lower_ in FOLLOWER_NOUNS or words[0].idx < previous.end):
        words.pop(0)
    if not words or words[0].lower_ not in GAP_SEPARATORS - {"with"}:
        return None
    while words and (words[0].is_punct or words[0].lower_ in GAP_SEPARATORS):
        words.pop(0)
    qualifier_text = " ".join(t.lower_ for t in words)
    for phrase in sorted(QUALIFIER_PHRASES, key=len, reverse=True):
        if qualifier_text.endswith(" " + phrase):
            words = words[: len(words) - len(phrase.split())]
            break
    if words and words[-1].lower_ in {"by", "lost", "at"}:
        return None
    if not words or len(words) > 6 or not words[0].text[:1].isupper() and words[0].lower_ != "the":
        return None
    if any(_is_verb(t) and t.pos_ != "PROPN" or t.like_num for t in words):
        return None
    if not any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"} for t in words):
        return None
    after = text[amount.end : amount.end + 20]
    if re.match(r"\s*[A-Za-z]", after) and not re.match(r"\s*(?:and|while|but|on|in|over|during|after|before|according|followers|subscribers|fans|likes)\b", after, re.IGNORECASE):
        return None
    name = _clean_entity(words) if words[0].lower_ != "the" else _clean_entity(words[1:])
    if not name:
        return None
    subject = reader.subjects.canonical(name)
    duration, period, relative = _nearest_span(reader.spans, amount, sent, None, reader.blockers)
    start = words[0].idx
    return ClaimMention(
        kind=previous.kind,
        subject=subject,
        amount=amount.value,
        amount_text=amount.text,
        qualifier=qualifier_of(text, amount.start, amount.end, amount.plus),
        start=start,
        end=amount.end,
        statement=statement_index,
        platform=previous.platform,
        duration_seconds=duration if duration is not None else previous.duration_seconds,
        period_text=period or previous.period_text,
        period_relative=relative if period else previous.period_relative,
    )


def _compared(reader: _Reader, amount: AmountMatch, previous: ClaimMention, statement_index: int) -> ClaimMention | None:
    """"That compares with 1.2 billion in the fourth quarter": the same claim for another period."""
    text = reader.text
    before = _before(text, amount, 30)
    if not any(re.search(rf"\b{re.escape(phrase)}\s+{_QUALIFIER_WORDS}?\s*$", before) for phrase in COMPARISON_PHRASES):
        return None
    if _is_excluded(text, amount) or amount.start - previous.end > 300:
        return None
    span = _tokens(reader.doc, amount.start, amount.end)
    if span is None:
        return None
    noun = _quantified_noun(reader.doc, span, _anchor(span))
    if noun is not None and noun.i == span.end and noun.lower_ not in ACCOUNT_NOUNS | FOLLOWER_NOUNS:
        return None
    duration, period, relative = _nearest_span(reader.spans, amount, span.sent, None, reader.blockers)
    return replace(
        previous,
        amount=amount.value,
        amount_text=amount.text,
        qualifier=qualifier_of(text, amount.start, amount.end, amount.plus),
        start=amount.start,
        end=amount.end,
        statement=statement_index,
        duration_seconds=duration,
        period_text=period,
        period_relative=relative,
        total=None,
        first_person=previous.first_person and reader.statements[statement_index].speaker == reader.statements[previous.statement].speaker,
    )


# --------------------------------------------------------------------------- document level


def find_mentions(doc, statements: Sequence[Statement], document: Document, platform: str | None) -> list[ClaimMention]:
    """Every claim mention in a parsed document, in text order."""
    reader = _Reader(doc, statements, document, platform)
    text = doc.text
    amounts = reader.amounts
    mentions: list[ClaimMention] = []
    skip: set[int] = set()
    totals: set[int] = set()
    for index, amount in enumerate(amounts):
        if index in skip or amount.start in totals:
            continue
        where = statement_at(statements, amount.start)
        if where is None:
            continue
        partner = _range_partner(text, amounts, index)
        if partner is not None:
            skip.add(index + 1)
            for mention in read_mention(reader, partner, where, low=amount):
                low = amount.value
                if low < 1000 <= partner.value and not amount.spelled:
                    scale = partner.value / float(re.sub(r"[^\d.]", "", partner.text.split()[0]) or 1)
                    low = round(low * scale)
                mentions.append(replace(mention, amount=None, amount_text=text[amount.start : partner.end],
                                        amount_low=low, amount_high=partner.value))
            continue
        previous = mentions[-1] if mentions and mentions[-1].amount is not None else None
        gapped = _gapped(reader, amount, previous, where) if previous is not None else None
        found = [gapped] if gapped is not None else read_mention(reader, amount, where)
        if not found and previous is not None:
            compared = _compared(reader, amount, previous, where)
            found = [compared] if compared is not None else []
        for mention in found:
            if mention.total is not None:
                totals.update(a.start for a in amounts[index + 1 : index + 3] if a.value == mention.total)
        mentions.extend(found)
    return mentions


def _same_claim(a: ClaimMention, b: ClaimMention) -> bool:
    if a.kind != b.kind or a.amount is None or b.amount is None:
        return False
    if abs(a.amount - b.amount) > AMOUNT_TOLERANCE * max(a.amount, b.amount):
        return False
    return names_match(a.subject, b.subject)


def merge_mentions(
    mentions: Sequence[ClaimMention], statements: Sequence[Statement], published: date | None
) -> list[Claim]:
    """Merge the mentions of each claim; the most direct source gives the fields."""
    groups: list[list[ClaimMention]] = []
    for mention in mentions:
        group = next((g for g in groups if _same_claim(g[0], mention)), None)
        if group is None:
            groups.append([mention])
        elif not any(m.start == mention.start and m.end == mention.end for m in group):
            group.append(mention)
    return [_claim(group, statements, published) for group in groups]


def _source_role(mention: ClaimMention, statements: Sequence[Statement]) -> str:
    statement = statements[mention.statement]
    if mention.first_person or (statement.role != "platform" and names_match(statement.speaker, mention.subject)):
        return "affected"
    # A speaker affected by their own claims is a third party to someone else's.
    return "third_party" if statement.role == "affected" else statement.role


def _claim(group: Sequence[ClaimMention], statements: Sequence[Statement], published: date | None) -> Claim:
    ranked = sorted(group, key=lambda m: (ROLE_PRIORITY[_source_role(m, statements)], m.start))
    primary = ranked[0]
    timed = next((m for m in ranked if m.duration_seconds is not None), None) or next((m for m in ranked if m.period_text), None)
    subject = max((m.subject for m in group), key=lambda s: (len(name_tokens(s)), len(s)))
    statement = statements[primary.statement]
    reference = _reference_date(statements[(timed or primary).statement].date, published)
    period = timed.period_text if timed else None
    seconds = timed.duration_seconds if timed else None
    start, end = resolve_period(period, seconds, reference) if timed and timed.period_relative else (None, None)
    total = next((m.total for m in ranked if m.total is not None), None)
    return Claim(
        kind=primary.kind,  # type: ignore[arg-type]
        subject=subject,
        platform=primary.platform,
        amount=primary.amount,
        amount_text=primary.amount_text,
        qualifier=primary.qualifier,  # type: ignore[arg-type]
        duration_seconds=seconds,
        period_text=period,
        start_date=start.isoformat() if start else None,
        end_date=end.isoformat() if end else None,
        source_role=_source_role(primary, statements),  # type: ignore[arg-type]
        source_speaker=statement.speaker,
        mentions=[Span(m.start, m.end, "") for m in sorted(group, key=lambda m: m.start)],
        amount_low=primary.amount_low,
        amount_high=primary.amount_high,
        total=total,
        statement=primary.statement,
    )


def _reference_date(statement_date: str | None, published: date | None) -> date | None:
    if statement_date:
        try:
            return date.fromisoformat(statement_date)
        except ValueError:
            return published
    return published


def with_mention_text(claims: Sequence[Claim], text: str) -> list[Claim]:
    """Fill each mention's text from the document."""
    return [replace(c, mentions=[Span(m.start, m.end, text[m.start : m.end]) for m in c.mentions]) for c in claims]
