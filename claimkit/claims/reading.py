"""Number reading: what the words around one number make of it (a loss, a gain, removed accounts, or nothing)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimkit.claims.amounts import _after, _before, _from_to, _is_excluded
from claimkit.claims.records import _Reading
from claimkit.claims.subjects import _Subjects
from claimkit.claims.tokens import (
    _attached,
    _governing_verb,
    _in_subtree,
    _is_verb,
    _lemma,
    _previous_word,
    _sentence_has,
    _subject_tokens,
    _token_at,
)
from claimkit.lexicon.claims import (
    ACCOUNT_NOUNS,
    BACK_VERBS,
    BARE_GAIN_VERBS,
    BARE_LOSS_VERBS,
    CHANGE_AFTER_PATTERN,
    CHANGE_NOUN_PATTERN,
    CHANGE_PREPOSITIONS_PATTERN,
    CHANGE_TOTAL_VERBS,
    CHANGE_VERBS,
    COMPARATIVE_NOUN_PATTERN,
    COUNTED_NOUNS,
    COUNT_NOUNS,
    FAREWELL_NOUNS,
    FIRST_PERSON,
    FOLLOWER_CONTEXT_PATTERN,
    FOLLOWER_NOUNS,
    FOLLOWER_PRONOUNS,
    FOLLOW_WORDS,
    GAIN_COMPARATIVES,
    GAIN_NOUNS,
    GAIN_VERBS,
    HAVING_VERBS,
    INTRANSITIVE_RETURNS,
    LEAVE_VERBS,
    LIKE_NOUNS,
    LOSS_COMPARATIVES,
    LOSS_NOUNS,
    LOSS_VERBS,
    MORE_AFTER_PATTERN,
    MOVE_VERBS,
    NOT_TOTAL_BEFORE_TO,
    NOUN_MODIFIERS,
    OWNER_PREPOSITIONS,
    PEOPLE_NOUNS,
    PERSON_SUBJECTS,
    PHRASAL_DOWN,
    PHRASAL_UP,
    POSSESSIVE_PATTERN,
    QUALIFIER_PATTERN,
    REMOVAL_NOUNS,
    REMOVER_PRONOUNS,
    RIGHT_BEFORE_WORDS,
    REMOVE_VERBS,
    RETURN_ADVERBS,
    RETURN_VERBS,
    SOURCE_PREPOSITIONS,
    TAKING_VERBS,
    THRESHOLD_FILLERS,
    THRESHOLD_WORDS,
    TIME_NOUNS,
    TOTAL_VERBS,
)
from claimkit.numbers import AmountMatch, find_amounts, find_spans
from claimkit.platforms import Platforms, builtin_platforms
from claimkit.spans import doc_text
from claimkit.types import Document, Statement

FOLLOWER_CONTEXT_RE = re.compile(FOLLOWER_CONTEXT_PATTERN, re.IGNORECASE)
#: Lookbehinds for the words that make "to N" no total.
_NOT_AFTER_TO = "".join(f"(?<!{word} )" for word in NOT_TOTAL_BEFORE_TO)


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
    # A coordinator between the number and its head is a misparse ("lost 700,000 and even Ray Blum lost").
    coordinated = any(t.pos_ == "CCONJ" or t.text in {",", ";"} for t in doc[span.end : head.i])
    if anchor.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"} and head.i >= span.end and not coordinated and (head.pos_ in {"NOUN", "PROPN"} or head.lower_ in COUNTED_NOUNS):
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


class _Reader:
    """Everything a number's reading needs about its document."""

    def __init__(
        self, doc, statements: Sequence[Statement], document: Document, platform: str | None,
        platforms: Platforms | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.statements = statements
        self.document = document
        self.platform = platform
        self.platforms = platforms or builtin_platforms()
        self.subjects = _Subjects(doc, statements, platform, self.platforms)
        self.spans = find_spans(self.text)
        self.amounts = [a for a in find_amounts(self.text) if a.start >= document.body_start]
        # Numbers that may own a span of time; a total of a two-total change ("from 4.1 million to
        # 3.5 million in a day, a loss of six lakh") leaves the span to the change.
        self.blockers = [
            (a.start, a.end) for a in self.amounts if not _is_excluded(self.text, a) and not _from_to(self.text, a)
        ]
        self.follower_context = bool(FOLLOWER_CONTEXT_RE.search(self.text[document.body_start :]))

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
        return (lemma in RETURN_VERBS and (lemma != "come" or back)) or (lemma in BACK_VERBS and back)


def _site(reader: _Reader, statement: Statement, amount: AmountMatch, span, anchor, noun) -> _Site:
    """The number's governing verb, repaired where the parse breaks ("I've lost close to 1,000")."""
    counted = noun is not None and noun.i > anchor.i and _in_subtree(anchor, noun) and noun.dep_ != "pobj"
    verb = _governing_verb(noun if counted else anchor)
    changing = CHANGE_VERBS
    previous = _verb_right_before(reader.doc, span)
    if previous is not None and _lemma(previous) in changing and (verb is None or verb.i > span.start):
        verb = previous  # "Cam Odell lost 700,000 and even Ray Blum lost 320,000": the parser gave 700,000 to Blum
    if _lemma(verb) not in changing:
        window = [t for t in reader.doc[max(anchor.sent.start, span.start - 6) : span.start] if _is_verb(t)]
        candidates = [t for t in window if _lemma(t) in changing]
        if candidates:
            verb = candidates[-1]
    return _Site(reader, statement, amount, span, anchor, noun, verb, _before(reader.text, amount), _after(reader.text, amount))


def _verb_right_before(doc, span):
    """The verb just before a number, past qualifier words ("lost roughly 700,000"), or None."""
    index = span.start - 1
    while index >= span.sent.start and doc[index].lower_ in RIGHT_BEFORE_WORDS:
        index -= 1
    token = doc[index] if index >= span.sent.start else None
    return token if token is not None and _is_verb(token) else None


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
        match = re.match(rf"\s*(?:\w+\s+){{0,2}}?{COMPARATIVE_NOUN_PATTERN}\s+([a-z]+)\b", after)
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
    if not re.search(rf"\b(?:{farewells})\s+to\s*{QUALIFIER_PATTERN}?\s*$", site.before):
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
    if re.match(rf"\s*{MORE_AFTER_PATTERN}\b", site.after) and lemma not in LOSS_VERBS:
        return _Reading("follower_gain", verb) if lemma in GAIN_VERBS | HAVING_VERBS else None
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
    if lemma in REMOVE_VERBS or lemma in TAKING_VERBS and _subject_is_platform(verb, site.reader.platforms):
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
        if subject is None or _subject_is_platform(verb, site.reader.platforms) or subject.lower_ in REMOVER_PRONOUNS:
            return _Reading("accounts_removed", verb)
    return None


def _read_prefix(site: _Site) -> _Reading | None:
    """Words right before the number: "a drop of 3,000", "Kher's fall of roughly 900k",
    "put Gaga's loss at 2.5 million", "down about 500,000", "up by 40", "fell by 2,000"."""
    doc, span, anchor, before, verb = site.reader.doc, site.span, site.anchor, site.before, site.verb
    change_noun = re.search(rf"\b([a-z]+)\s+({CHANGE_PREPOSITIONS_PATTERN})\s+{QUALIFIER_PATTERN}?\s*$", before)
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
    if re.search(rf"\bdown\s+(?:by\s+)?{QUALIFIER_PATTERN}?\s*$", before) and not _phrasal(down, PHRASAL_DOWN):
        return _Reading("follower_loss", down or anchor)
    up = _previous_word(doc, span, "up")
    if re.search(rf"\bup\s+(?:by\s+)?{QUALIFIER_PATTERN}?\s*$", before) and not re.search(r"\bup\s+to\s*$", before) and not _phrasal(up, PHRASAL_UP):
        return _Reading("follower_gain", up or anchor)
    lemma = _lemma(verb)
    if re.search(rf"\bby\s*{QUALIFIER_PATTERN}?\s*$", before) and verb is not None:
        if lemma in (LOSS_VERBS | BARE_LOSS_VERBS) - TAKING_VERBS:
            return _Reading("follower_loss", verb)
        if lemma in GAIN_VERBS | BARE_GAIN_VERBS:
            return _Reading("follower_gain", verb)
    return None


def _phrasal(particle, verbs: frozenset[str]) -> bool:
    """"gave up 6,855,640", "took down 1.67 million": the particle belongs to another verb."""
    return particle is not None and particle.dep_ == "prt" and _lemma(particle.head) in verbs


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
    return any(c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS for c in noun.children)


def _removed_from_owner(verb) -> bool:
    """"wiped 5.8k followers off my account": the followers were taken from someone."""
    return any(c.dep_ == "prep" and c.lower_ in SOURCE_PREPOSITIONS for c in verb.children) or any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children
    ) and any(c.dep_ in {"pobj", "dobj"} for c in verb.subtree)


def _passive_owner(verb) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in SOURCE_PREPOSITIONS for c in verb.children)


def _subject_is_platform(verb, platforms: Platforms) -> bool:
    subject = _subject_tokens(verb) if verb is not None else None
    return subject is not None and bool(platforms.of_name(subject.text) or platforms.is_anaphor(f"the {subject.lower_}"))


def _subject_is_person(verb, statement: Statement) -> bool:
    """The verb's subject is a person (a platform's "we" is the platform)."""
    subject = _subject_tokens(verb) if verb is not None else None
    if subject is None:
        return False
    if subject.lower_ in FIRST_PERSON:
        return statement.role != "platform"
    return subject.ent_type_ == "PERSON" or subject.lower_ in PERSON_SUBJECTS


def _is_total(noun, verb, text: str, amount: AmountMatch, low: AmountMatch | None = None) -> bool:
    """A follower total, not a change: "has 53.4 million followers", "of its 100M followers",
    "with 2M followers", "fell to 143 million followers"."""
    before = _before(text, low or amount, 30)  # a range's words come before its low bound
    if re.search(rf"\bof\s+{POSSESSIVE_PATTERN}\s+(?:own\s+)?{QUALIFIER_PATTERN}?\s*$", before):
        return True
    if re.search(rf"{_NOT_AFTER_TO}\bto\s+{QUALIFIER_PATTERN}?\s*$", before) or re.search(rf"\b(?:with|from)\s+{QUALIFIER_PATTERN}?\s*$", before):
        return True  # "fell to 143 million", "with 2M followers", "down from 111 million"
    after = text[amount.end : amount.end + 30].lower()
    if re.match(rf"\s*(?:(?:\w+\s+)?{CHANGE_NOUN_PATTERN}\s+)?{CHANGE_AFTER_PATTERN}\b", after):
        return False
    if re.search(r"\b(?:down|up)\s+(?:by\s+)?\S*\s*$", before):
        return False
    if verb is not None and any(c.lower_ in RETURN_ADVERBS for c in verb.children):
        return False  # "300 are back"
    return verb is not None and _lemma(verb) in TOTAL_VERBS - CHANGE_TOTAL_VERBS and noun is not None and noun.lower_ in FOLLOWER_NOUNS


def _crosses_threshold(span) -> bool:
    """"dropped below 100 million", "climbed past 5,000": a total crossing a mark, not a change."""
    doc = span.doc
    before = [t for t in doc[max(span.sent.start, span.start - 3) : span.start] if t.lower_ not in THRESHOLD_FILLERS]
    return len(before) >= 2 and before[-1].lower_ in THRESHOLD_WORDS and _lemma(before[-2]) in MOVE_VERBS
