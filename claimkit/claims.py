"""Claim extraction: follower losses and gains, and accounts a platform removed.

`find_mentions` reads every number in the document and keeps those that the
words around them make a claim: a loss or gain verb or noun over a follower
noun ("lost 3000 followers", "80,000 fewer followers", "Kher's 900k drop",
"Justin Bieber (20M loss)", "follower count fell by 2,000"), or a removal
verb over an account noun ("removed around 1.7 million bots"). Totals,
percentages, dates, money and ranges are not claims (ranges are kept with
their bounds and no amount). `merge_mentions` then merges the mentions of one
claim (same kind, same subject, amounts within 0.5 %) and takes the fields of
the most direct source (affected > platform > third party > reporter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from claimkit.lexicon.claims import (
    ACCOUNT_NOUNS,
    COUNT_NOUNS,
    FOLLOWER_NOUNS,
    GAIN_NOUNS,
    GAIN_VERBS,
    LOSS_NOUNS,
    LOSS_VERBS,
    QUALIFIER_AFTER,
    QUALIFIER_PHRASES,
    REMOVAL_NOUNS,
    REMOVE_VERBS,
    TOTAL_VERBS,
)
from claimkit.lexicon.platforms import is_platform_anaphor, platform_in, platform_of_name
from claimkit.names import fullest_name, name_tokens, names_match
from claimkit.numbers import AmountMatch, SpanMatch, find_amounts, find_spans, resolve_period
from claimkit.types import Claim, Document, Span, Statement

ROLE_PRIORITY = {"affected": 0, "platform": 1, "third_party": 2, "reporter": 3}
AMOUNT_TOLERANCE = 0.005
TIME_UNITS = frozenset({
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours",
    "hr", "hrs", "day", "days", "week", "weeks", "month", "months", "year", "years", "pm",
    "am", "percent", "per", "%", "times", "x", "points", "stars",
})
MONTH_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
SKIPPABLE = frozenset({
    "more", "fewer", "less", "of", "his", "her", "their", "its", "my", "our", "your", "the",
    "new", "real", "fake", "active", "genuine", "loyal", "additional", "extra", "own",
    "'s", "’s", "'", "twitter", "x", "instagram", "youtube", "facebook", "tiktok", "threads",
    "insta", "ig", "total", "net", "page", "channel", "account", "suspected", "spam", "bot",
    "inactive", "dormant", "suspicious", "automated", "locked", "inauthentic", "spammy",
    "fraudulent", "questionable", "'", "-", "–", "+", "or", "so", "odd", "just", "about", "in",
})


@dataclass(frozen=True)
class ClaimMention:
    """One place a claim is stated, before mentions of the same claim are merged."""

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


def _next_noun(doc, index: int, limit: int = 5):
    """The first content word after an amount, skipping modifiers ("fewer", "Twitter", "of his")."""
    seen = 0
    for token in doc[index:]:
        if token.is_space:
            continue
        lower = token.lower_
        if lower in SKIPPABLE or token.pos_ in {"ADJ", "DET"} or token.tag_ == "POS":
            seen += 1
            if seen > limit:
                return None
            continue
        return token
    return None


def _governing_verb(token, limit: int = 5):
    current = token
    for _ in range(limit):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _qualifier(text: str, amount: AmountMatch) -> str:
    before = " ".join(text[max(0, amount.start - 40) : amount.start].lower().split())
    for phrase in sorted(QUALIFIER_PHRASES, key=len, reverse=True):
        if re.search(rf"(?:^|[\s(]){re.escape(phrase)}\s*$", before):
            return QUALIFIER_PHRASES[phrase]
    if amount.plus:
        return "over"
    after = text[amount.end : amount.end + 12].lower()
    for phrase, label in QUALIFIER_AFTER.items():
        if after.lstrip().startswith(phrase) and phrase != "+":
            return label
    if re.search(r"\breportedly\b(?:\s+\S+){0,3}\s*$", before):
        return "approx"
    return "exact"


def _is_excluded(doc, text: str, amount: AmountMatch) -> bool:
    """Percentages, dates, times, money, years, ordinals and list numbers are not amounts."""
    after = text[amount.end : amount.end + 12].lower()
    before = text[max(0, amount.start - 12) : amount.start].lower()
    if re.match(r"\s*(?:%|percent|per\s*cent|pc\b|st\b|nd\b|rd\b|th\b)", after):
        return True
    next_word = re.match(r"\s*([a-z%]+)", after)
    if next_word and next_word.group(1) in TIME_UNITS:
        return True
    if next_word and next_word.group(1) in MONTH_WORDS:
        return True
    prev_word = re.search(r"([a-z]+)\W*$", before)
    if prev_word and prev_word.group(1) in MONTH_WORDS:
        return True
    if re.search(r"[$£€¥]\s*$|\b(?:usd|dollars?|rs\.?|inr)\s*$", before) or re.match(r"\s*(?:dollars|usd|euros|pounds|rupees)", after):
        return True
    if not amount.spelled and re.fullmatch(r"(?:19|20)\d\d", amount.text) and "," not in amount.text:
        return not re.match(r"\s*(?:more|fewer|new|of|\w+\s+)?(?:followers|subscribers|fans|accounts|bots)", after)
    return bool(amount.spelled and amount.value == 1 and not re.match(r"\s*(?:million|thousand|billion)", after))


def _from_to(text: str, amount: AmountMatch) -> bool:
    """Part of "from 145m to 143m": a change implied by two totals, not a claim."""
    before = text[max(0, amount.start - 60) : amount.start].lower()
    after = text[amount.end : amount.end + 40].lower()
    if re.search(r"\bfrom\s*(?:about|around|roughly|over|nearly|almost|more than)?\s*$", before) and re.match(r"\s*(?:\w+\s+)?(?:followers\s+)?(?:to|down to|up to)\b", after):
        return True
    return bool(re.search(r"\bfrom\s+[\d.,]+\s*(?:k|m|mn|million|thousand|bn|billion)?\s*(?:followers\s+)?(?:down\s+|up\s+)?to\s*(?:about|around|roughly|just)?\s*$", before))


def _range_partner(text: str, amounts: Sequence[AmountMatch], index: int) -> AmountMatch | None:
    """The upper bound when this amount starts a range ("8 to 10 million")."""
    if index + 1 >= len(amounts):
        return None
    first, second = amounts[index], amounts[index + 1]
    between = text[first.end : second.start].strip().lower()
    before = text[max(0, first.start - 10) : first.start].lower()
    if between in {"to", "-", "–", "or"} or (between == "and" and "between" in before):
        return second
    return None


# --------------------------------------------------------------------------- subjects


class _Subjects:
    """Resolves the subject of a claim to a name in the document."""

    def __init__(self, doc, statements: Sequence[Statement], platform: str | None) -> None:
        self.doc = doc
        self.statements = statements
        self.platform = platform
        self.speakers = [s.speaker for s in statements if not s.anonymous and s.role != "reporter"]
        self.entities = [_clean_entity(e) for e in doc.ents if e.label_ in {"PERSON", "ORG"}]
        self.people = [(e.start_char, _clean_entity(e)) for e in doc.ents if e.label_ == "PERSON"]

    def canonical(self, name: str) -> str:
        """The fullest form of a name: a speaker's name first, else a person's in the text."""
        name = re.sub(r"[’']s$", "", name.strip())
        tokens = name_tokens(name)
        if any(tokens and tokens <= name_tokens(speaker) for speaker in self.speakers):
            return fullest_name(name, self.speakers)
        return fullest_name(name, [e for e in self.entities if e])

    def of_token(self, token, statement: Statement) -> tuple[str | None, bool]:
        """(name, first person) for a subject token."""
        lower = token.lower_
        if lower in FIRST_PERSON:
            if statement.role == "reporter":
                return None, False
            return statement.speaker, True
        if lower in {"he", "she", "him", "her", "his", "hers"}:
            before = [name for start, name in self.people if start < token.idx]
            return (self.canonical(before[-1]) if before else None), False
        if lower in {"it", "its"}:
            return None, False
        if lower in {"they", "them", "their", "you", "your", "who", "which", "that", "this"}:
            return None, False
        if is_platform_anaphor(f"the {lower}") and token.pos_ == "NOUN" and self.platform and lower in {"company", "platform", "site", "network"}:
            return self.platform, False
        owner = self._owner(token)
        if owner is not None:
            return self.of_token(owner, statement)
        if token.pos_ not in {"PROPN", "NOUN"} and token.ent_type_ not in {"PERSON", "ORG"}:
            return None, False
        if token.pos_ == "NOUN" and token.ent_type_ == "" and token.lower_ not in {"actor", "actress", "singer", "star", "rapper"}:
            return None, False
        if token.pos_ == "NOUN" and token.ent_type_ == "":
            before = [name for start, name in self.people if start < token.idx]
            return (self.canonical(before[-1]) if before else None), False
        return self.canonical(self._name(token)), False

    @staticmethod
    def _owner(token):
        """"Obama's account" → Obama; "the account of X" → X."""
        if token.lower_ not in {"account", "accounts", "page", "channel", "handle", "profile", "count", "tally", "followers", "following"}:
            return None
        for child in token.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None

    @staticmethod
    def _name(token) -> str:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end and e.label_ in {"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC"}), None)
        if ent is not None:
            return ent.text
        parts = [token]
        for child in token.children:
            if child.dep_ in {"compound", "flat"} and child.i < token.i:
                parts.extend(child.subtree)
        return " ".join(t.text for t in sorted(parts, key=lambda t: t.i) if not t.is_punct)

    def before_paren(self, doc, index: int) -> str | None:
        """The name right before "(": "Justin Bieber (20M loss)"."""
        tokens = []
        position = index - 1
        while position >= 0 and doc[position].pos_ in {"PROPN"} or (position >= 0 and doc[position].ent_type_ == "PERSON"):
            tokens.insert(0, doc[position])
            position -= 1
        if not tokens:
            return None
        return self.canonical(" ".join(t.text for t in tokens))


def _clean_entity(ent) -> str:
    """An entity's name: its proper-noun tokens before any possessive ("Kher’s 900k" → "Kher")."""
    words = []
    for token in ent:
        if token.tag_ == "POS" or token.lower_ in {"'s", "’s"}:
            break
        if token.pos_ == "PROPN":
            words.append(token.text)
        elif words:
            break
    return " ".join(words)


def _subject_tokens(verb):
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects[0]
        if current.dep_ in {"relcl", "acl"}:
            return current.head
        if current.dep_ in {"xcomp", "advcl", "conj", "pcomp", "ccomp", "prep", "pobj"} and current.head.i != current.i:
            current = current.head
            continue
        return None
    return None


# --------------------------------------------------------------------------- reading one number


def _kind_for(doc, anchor, noun, text: str, amount: AmountMatch, statement: Statement) -> tuple[str | None, object]:
    """The claim kind a number's context gives, and the verb (or noun) that gives it."""
    after = text[amount.end : amount.end + 30].lower()
    before = text[max(0, amount.start - 30) : amount.start].lower()
    noun_lower = noun.lower_ if noun is not None else ""
    noun_lemma = noun.lemma_.lower() if noun is not None else ""
    context = statement.text.lower()
    follower_context = bool(re.search(r"follow|subscriber|\bfans?\b|\blikes\b", context))
    if re.match(r"\s*fewer\b", after) and noun_lower in FOLLOWER_NOUNS:
        return "follower_loss", noun
    verb = _governing_verb(noun if noun is not None and noun.i > anchor.i and noun.head.i != anchor.i else anchor)
    if verb is None:
        verb = _governing_verb(anchor)
    verb_lemma = verb.lemma_.lower() if verb is not None else ""
    if verb_lemma not in LOSS_VERBS | GAIN_VERBS | REMOVE_VERBS:
        # A broken parse: take a change verb just before the number ("I've lost close to 1,000").
        window = [t for t in doc[max(anchor.sent.start, anchor.i - 6) : anchor.i] if t.pos_ in {"VERB", "AUX"}]
        changing = [t for t in window if t.lemma_.lower() in LOSS_VERBS | GAIN_VERBS | REMOVE_VERBS]
        if changing:
            verb, verb_lemma = changing[-1], changing[-1].lemma_.lower()
    if noun_lower in FOLLOWER_NOUNS or noun_lemma in FOLLOWER_NOUNS:
        if re.match(r"\s*(?:more|new|additional|extra)\b", after) and verb_lemma not in LOSS_VERBS:
            return ("follower_gain" if verb_lemma in GAIN_VERBS or verb_lemma in {"have", "get"} else None), verb
        if verb_lemma in GAIN_VERBS:
            return "follower_gain", verb
        if verb_lemma in LOSS_VERBS and verb_lemma not in {"remove", "delete", "purge", "take", "erase", "scrub", "wipe", "cut"}:
            return "follower_loss", verb
        if verb_lemma in REMOVE_VERBS | {"wipe", "cut"}:
            return ("follower_loss" if _has_owner(noun) or _subject_is_person(verb) else "accounts_removed"), verb
        return None, verb
    if noun_lower in ACCOUNT_NOUNS or noun_lemma in ACCOUNT_NOUNS:
        if verb_lemma in REMOVE_VERBS or verb_lemma in LOSS_VERBS and _subject_is_platform(verb):
            return "accounts_removed", verb
        head = noun.head if noun is not None else None
        if head is not None and head.lower_ == "of" and head.head.lemma_.lower() in REMOVAL_NOUNS:
            return "accounts_removed", head.head
        return None, verb
    if noun_lemma in LOSS_NOUNS or noun_lower in LOSS_NOUNS:
        return ("follower_loss" if follower_context else None), noun
    if noun_lemma in GAIN_NOUNS or noun_lower in GAIN_NOUNS:
        return ("follower_gain" if follower_context else None), noun
    # "a drop of 3,000", "fell by 2 million", "down 40k".
    if re.search(r"\b(?:drop|loss|decline|dip|fall|decrease|plunge|reduction)\s+of\s*$", before) and follower_context:
        return "follower_loss", anchor
    if re.search(r"\b(?:gain|increase|rise|jump|boost)\s+of\s*$", before) and follower_context:
        return "follower_gain", anchor
    if re.search(r"\bdown\s*(?:by\s*)?(?:about|around|roughly|nearly|almost|over|more than)?\s*$", before) and follower_context:
        return "follower_loss", anchor
    if re.search(r"\bby\s*(?:about|around|roughly|nearly|almost|over|more than|some)?\s*$", before) and verb is not None and follower_context:
        if verb_lemma in LOSS_VERBS:
            return "follower_loss", verb
        if verb_lemma in GAIN_VERBS:
            return "follower_gain", verb
    if verb_lemma in {"lose", "shed", "bleed"} and follower_context and anchor.dep_ in {"dobj", "npadvmod", "attr"}:
        return "follower_loss", verb
    if verb_lemma in {"gain", "regain", "recover"} and follower_context and anchor.dep_ in {"dobj", "npadvmod", "attr"}:
        return "follower_gain", verb
    return None, verb


def _has_owner(noun) -> bool:
    if noun is None:
        return False
    if any(c.dep_ == "poss" for c in noun.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in {"of", "from"} for c in noun.children)


def _subject_is_platform(verb) -> bool:
    subject = _subject_tokens(verb) if verb is not None else None
    return subject is not None and bool(platform_of_name(subject.text) or is_platform_anaphor(f"the {subject.lower_}"))


def _subject_is_person(verb) -> bool:
    subject = _subject_tokens(verb) if verb is not None else None
    return subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in FIRST_PERSON | {"he", "she"})


def _is_total(noun, verb, text: str, amount: AmountMatch) -> bool:
    """A follower total, not a change: "has 53.4 million followers", "of its 100M followers",
    "with 2M followers", "fell to 143 million followers"."""
    before = " ".join(text[max(0, amount.start - 30) : amount.start].lower().split())
    qualifier = r"(?:about|around|roughly|some|over|nearly|almost|more than|just|only)?\s*"
    if re.search(rf"\bof\s+(?:his|her|their|its|my|our|your|the)\s+{qualifier}$", before):
        return True
    if re.search(rf"(?<!close )(?<!up )(?<!next )\bto\s+{qualifier}$", before) or re.search(rf"\bwith\s+{qualifier}$", before):
        return True
    after = text[amount.end : amount.end + 12].lower()
    if re.match(r"\s*(?:fewer|more|less)\b", after):
        return False
    return verb is not None and verb.lemma_.lower() in TOTAL_VERBS - {"hit"} and noun is not None and noun.lower_ in FOLLOWER_NOUNS


def read_mention(
    doc,
    amount: AmountMatch,
    statement_index: int,
    statement: Statement,
    subjects: _Subjects,
    platform: str | None,
    spans: Sequence[SpanMatch],
) -> ClaimMention | None:
    """The claim a number states, or None when it is not a claim."""
    text = doc.text
    if _is_excluded(doc, text, amount) or _from_to(text, amount):
        return None
    span = _tokens(doc, amount.start, amount.end)
    if span is None:
        return None
    anchor = _anchor(span)
    noun = _next_noun(doc, span.end)
    in_parens = text[max(0, amount.start - 2) : amount.start].strip().endswith("(")
    kind, trigger = _kind_for(doc, anchor, noun, text, amount, statement)
    subject = None
    first_person = False
    if in_parens and kind is None:
        close = text.find(")", amount.end)
        inside = text[amount.start : close].lower() if close > 0 else ""
        sentence = span.sent.text.lower()
        if re.search(r"loss|lost|drop|down|fewer|-", inside) or re.search(r"\b(?:drops?|loss|lost|declines?|losing|fell)\b", sentence):
            kind = "follower_loss"
        elif re.search(r"gain|up|\+", inside):
            kind = "follower_gain"
    if kind is None:
        return None
    verb = trigger if trigger is not None and getattr(trigger, "pos_", "") in {"VERB", "AUX"} else None
    if kind != "accounts_removed" and _is_total(noun, verb, text, amount):
        return None
    if kind == "accounts_removed":
        subject_token = _subject_tokens(verb) if verb is not None else None
        own = platform_of_name(subject_token.text) if subject_token is not None else None
        subject = own or platform or "platform"
    elif in_parens:
        open_index = span.start - 1
        while open_index > 0 and doc[open_index].text != "(":
            open_index -= 1
        subject = subjects.before_paren(doc, open_index)
    if subject is None:
        subject, first_person = _follower_subject(doc, anchor, noun, trigger, statement, subjects)
    if not subject:
        return None
    start, end = _mention_bounds(span, trigger, noun)
    duration, period, relative = _nearest_span(spans, amount, span.sent)
    return ClaimMention(
        kind=kind,
        subject=subject,
        amount=amount.value,
        amount_text=amount.text,
        qualifier=_qualifier(text, amount),
        start=start,
        end=end,
        statement=statement_index,
        platform=platform_in(span.sent.text) or platform,
        duration_seconds=duration,
        period_text=period,
        period_relative=relative,
        first_person=first_person,
    )


def _follower_subject(doc, anchor, noun, trigger, statement: Statement, subjects: _Subjects) -> tuple[str | None, bool]:
    """Whose followers: a possessor, the verb's subject, or the speaker of a first-person post."""
    for token in (noun, trigger, anchor):
        if token is None:
            continue
        owner = _Subjects._owner(token) if token.lower_ in {"followers", "count", "account", "page", "channel"} else None
        possessors = [c for c in token.children if c.dep_ == "poss"]
        if possessors:
            return subjects.of_token(possessors[0], statement)
        if owner is not None:
            return subjects.of_token(owner, statement)
    verb = trigger if trigger is not None and trigger.pos_ in {"VERB", "AUX"} else _governing_verb(anchor)
    if verb is not None:
        subject = _subject_tokens(verb)
        if subject is not None and not (subject.lower_ in FOLLOWER_NOUNS or subject.i == anchor.i or subject.head.i == anchor.i):
            name, first = subjects.of_token(subject, statement)
            if name:
                return name, first
        # Passive: "2 million followers were wiped from Obama's account".
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "for", "of"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        name, first = subjects.of_token(obj, statement)
                        if name:
                            return name, first
    sentence = anchor.sent.text.lower()
    if statement.role != "reporter" and re.search(r"\b(?:i|i've|i’ve|i'm|we|my|our)\b", sentence):
        return statement.speaker, True
    return None, False


def _mention_bounds(span, trigger, noun) -> tuple[int, int]:
    tokens = [t for t in (span[0], span[-1], trigger, noun) if t is not None and hasattr(t, "idx")]
    sent = span.sent
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def _nearest_span(spans: Sequence[SpanMatch], amount: AmountMatch, sent) -> tuple[int | None, str | None, bool]:
    """The span of time closest to the amount in its sentence (after it preferred)."""
    inside = [s for s in spans if sent.start_char <= s.start and s.end <= sent.end_char]
    if not inside:
        return None, None, False

    def distance(s: SpanMatch) -> int:
        return s.start - amount.end if s.start >= amount.end else 2 * (amount.start - s.end) + 20

    best = min(inside, key=distance)
    return best.seconds, best.text, best.relative


# --------------------------------------------------------------------------- document level


def find_mentions(doc, statements: Sequence[Statement], document: Document, platform: str | None) -> list[ClaimMention]:
    """Every claim mention in a parsed document, in text order."""
    text = doc.text
    subjects = _Subjects(doc, statements, platform)
    amounts = [a for a in find_amounts(text) if a.start >= document.body_start]
    spans = find_spans(text)
    mentions: list[ClaimMention] = []
    skip: set[int] = set()
    for index, amount in enumerate(amounts):
        if index in skip:
            continue
        where = statement_at(statements, amount.start)
        if where is None:
            continue
        partner = _range_partner(text, amounts, index)
        if partner is not None:
            skip.add(index + 1)
            mention = read_mention(doc, partner, where, statements[where], subjects, platform, spans)
            if mention is not None:
                low = amount.value
                if low < 1000 <= partner.value and not amount.spelled:
                    scale = partner.value / float(re.sub(r"[^\d.]", "", partner.text.split()[0]) or 1)
                    low = round(low * scale)
                mentions.append(replace(mention, amount=None, amount_text=text[amount.start : partner.end],
                                        amount_low=low, amount_high=partner.value))
            continue
        mention = read_mention(doc, amount, where, statements[where], subjects, platform, spans)
        if mention is not None:
            mentions.append(mention)
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
        else:
            group.append(mention)
    return [_claim(group, statements, published) for group in groups]


def _source_role(mention: ClaimMention, statements: Sequence[Statement]) -> str:
    statement = statements[mention.statement]
    if statement.role != "platform" and (mention.first_person or names_match(statement.speaker, mention.subject)):
        return "affected"
    return statement.role


def _claim(group: Sequence[ClaimMention], statements: Sequence[Statement], published: date | None) -> Claim:
    ranked = sorted(group, key=lambda m: (ROLE_PRIORITY[_source_role(m, statements)], m.start))
    primary = ranked[0]
    timed = next((m for m in ranked if m.duration_seconds is not None), None) or next((m for m in ranked if m.period_text), None)
    subject = primary.subject
    statement = statements[primary.statement]
    reference = _reference_date(statements[(timed or primary).statement].date, published)
    period = timed.period_text if timed else None
    seconds = timed.duration_seconds if timed else None
    start, end = resolve_period(period, seconds, reference) if timed and timed.period_relative else (None, None)
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
        total=primary.total,
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


def extract_claims(doc, statements: Sequence[Statement], document: Document, platform: str | None) -> list[Claim]:
    """All claims of a document, merged, with sources as the statements' roles give them."""
    mentions = find_mentions(doc, statements, document, platform)
    return with_mention_text(merge_mentions(mentions, statements, document.published), doc.text)
