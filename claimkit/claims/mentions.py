"""Mention finding: every claim mention in a document, one number at a time, with its subjects."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimkit.claims.amounts import (
    _from_to,
    _is_excluded,
    _nearest_span,
    _range_partner,
    _total_after,
    qualifier_of,
)
from claimkit.claims.implicit import _compared, _gapped
from claimkit.claims.lists import list_line
from claimkit.claims.reading import (
    _Reader,
    _classify,
    _crosses_threshold,
    _is_total,
    _quantified_noun,
    _site,
)
from claimkit.claims.records import ClaimMention, _Reading, statement_at
from claimkit.claims.subjects import _name, _owner
from claimkit.claims.tokens import (
    _anchor,
    _conjuncts,
    _governing_verb,
    _in_subtree,
    _is_verb,
    _lemma,
    _relative_antecedent,
    _speech_verb_above,
    _subject_tokens,
    _tokens,
)
from claimkit.lexicon.claims import (
    CHANGE_PARTICLES,
    CLAUSE_STARTERS,
    COUNT_NOUNS,
    DATIVE_LOSS_VERBS,
    FIRST_PERSON,
    FIRST_PERSON_CONTRACTIONS,
    FOLLOWER_NOUNS,
    FOLLOWER_PRONOUNS,
    LEFT_FROM_PREPOSITIONS,
    LIST_ENDERS,
    OWNED_NOUNS,
    PAREN_GAIN_PATTERN,
    PAREN_LOSS_PATTERN,
    PEOPLE_NOUNS,
    RELATIVE_PRONOUNS,
    RESPECTIVE_QUALIFIERS_PATTERN,
    SENTENCE_LOSS_PATTERN,
    VERB_OWNER_PREPOSITIONS,
)
from claimkit.lexicon.speech import SPEECH_VERBS
from claimkit.names import names_match
from claimkit.numbers import AmountMatch
from claimkit.platforms import Platforms
from claimkit.spans import doc_text
from claimkit.types import Document, Statement


#: What may stand between two figures listed for two subjects ("2,000 and 1,000", "2,000 followers and over 1,000").
RESPECTIVE_GAP_RE = re.compile(rf"(?:[a-z]+\s+)?(?:,|and|,\s*and|&)(?:\s+(?:{RESPECTIVE_QUALIFIERS_PATTERN}))?")


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
        if re.search(PAREN_LOSS_PATTERN, inside) or re.search(SENTENCE_LOSS_PATTERN, sentence):
            reading = _Reading("follower_loss", anchor)
        elif re.search(PAREN_GAIN_PATTERN, inside):
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
            platform=reader.platforms.first_in(span.sent.text) or reader.platform,
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
    platforms = reader.platforms
    subject = _subject_tokens(verb) if verb is not None else None
    if subject is not None and subject.pos_ == "NOUN" and not platforms.of_name(subject.text):
        # "Instagram's parent company Facebook has removed ...": the company is the one named beside it.
        subject = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), subject)
    own = platforms.of_name(subject.text) if subject is not None else None
    if own is None and statement.role == "platform":
        own = platforms.of_name(statement.speaker)
    own = own or reader.platform
    if own is None and (statement.role == "platform" or subject is not None and platforms.is_anaphor(f"the {subject.lower_}")):
        own = "platform"
    return own


def _follower_subjects(reader: _Reader, anchor, noun, trigger, statement: Statement) -> list[tuple[str, bool]]:
    """Whose followers, as (name, stated by themself) pairs: a name before "down", a possessor or
    owner, the verb's subject(s), the speaker of a reported clause, or the author of a post."""
    return (
        _name_before_particle(reader, trigger)
        or _owner_subject(reader, (noun, trigger, anchor), statement)
        or _verb_subjects(reader, anchor, trigger, statement)
        or ([] if _many_owners(anchor, trigger) else _speaker_subject(reader, anchor, trigger, statement))
    )


def _many_owners(anchor, trigger) -> bool:
    """The followers left many accounts, no one holder ("a million followers have vanished from
    accounts belonging to dozens of users"): the speaker reporting it is not their owner."""
    verb = trigger if _is_verb(trigger) else _governing_verb(anchor)
    if verb is None:
        return False
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in LEFT_FROM_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.tag_ in {"NNS", "NNPS"} and obj.lower_ in PEOPLE_NOUNS | OWNED_NOUNS:
                    return True
    return False


def _name_before_particle(reader: _Reader, trigger) -> list[tuple[str, bool]]:
    """"reports put Justin Bieber down about 20 million": the name right before "down"/"up"."""
    if trigger is None or trigger.lower_ not in CHANGE_PARTICLES or trigger.i == 0:
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
        owner = possessor if possessor is not None else (_owner(token, reader.platforms) if token.lower_ in OWNED_NOUNS else None)
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
    owners += [obj for child in verb.children if child.dep_ in {"prep", "prt"} and child.lower_ in VERB_OWNER_PREPOSITIONS
               for obj in child.children if obj.dep_ == "pobj"]
    for owner in owners:
        name, first = subjects.of_token(owner, statement)
        if name:
            return [(name, first)]
    subject = _subject_tokens(verb)
    if subject is not None and _counted(subject, anchor):
        owner = _owner(subject, reader.platforms)
        if owner is not None:
            subject = owner  # "Tom Lee's fans dwindled by 2,000"
        elif verb.dep_ in {"ccomp", "xcomp"} and _lemma(verb.head) not in SPEECH_VERBS:
            subject = _subject_tokens(verb.head)  # "Priya Shah saw 20,000 followers vanish"
    if subject is not None and subject.lower_ in LIST_ENDERS:
        # "Tomas Quill, rapper Zedd Oyelaran, and others lost ...": the parser made "others" the
        # subject and hung the names elsewhere; the names listed before "and others" are the subjects.
        names = _names_before_list_ender(subject)
        if names:
            resolved = [subjects.of_token(token, statement) for token in names]
            return [(name, first) for name, first in resolved if name]
    if subject is None or _counted(subject, anchor):
        return []
    if subject.lower_ in RELATIVE_PRONOUNS and (antecedent := _relative_antecedent(subject)) is not None:
        subject = antecedent  # "singers Joss Reyes and Ka$h Lane, who lost 1.2 million"
        if subject.pos_ == "NOUN":
            subject = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), subject)
    names = _conjuncts(subject) if subject.pos_ == "PROPN" else [subject]
    if len(names) > 1:
        # "According to the designer Pim Adler, ..., Kai Dorn lost ...": the source is no subject.
        names = [t for t in names if not _after_according_to(t)] or names
    # Lists distribute (SPEC section 7): "A, B and C lost 250,000" is three claims, unless the
    # figures are listed too ("A and B lost 2,000 and 1,000"), when each takes its own.
    names = _respective(reader, names, anchor, verb)
    resolved = [subjects.of_token(token, statement) for token in names]
    return [(name, first) for name, first in resolved if name]


def _names_before_list_ender(ender) -> list:
    """The names of "A, rapper B, and others": the last proper noun of each comma-separated part
    right before "and others", back to a clause boundary (a dash, a semicolon, a verb, a
    prepositional phrase such as "in December")."""
    doc = ender.doc
    index = ender.i - 1
    if index < ender.sent.start or doc[index].lower_ not in {"and", "&"}:
        return []
    index -= 1
    if index >= ender.sent.start and doc[index].text == ",":
        index -= 1  # the serial comma: "A, B, and others"
    names: list = []
    part: list = []
    while index >= ender.sent.start - 1:
        token = doc[index] if index >= ender.sent.start else None
        if token is None or token.text in {",", "—", "–", ";", ":"} or token.pos_ in {"VERB", "AUX", "ADP", "SCONJ"}:
            head = next((t for t in reversed(part) if (t.pos_ == "PROPN" or t.pos_ == "NOUN" and t.text[:1].isupper())
                         and t.ent_type_ not in {"DATE", "TIME"}), None)
            if head is None or any(t.pos_ in {"ADP", "VERB"} for t in part):
                break
            names.insert(0, head)
            if token is None or token.text != ",":
                break
            part = []
        else:
            part.insert(0, token)
        index -= 1
    return names


def _after_according_to(token) -> bool:
    """The name is the source of an "according to" phrase ("According to the designer Pim Adler")."""
    before = doc_text(token.doc)[token.sent.start_char : token.idx]
    return bool(re.search(r"\baccording\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", before, re.IGNORECASE))


def _respective(reader: _Reader, names: list, anchor, verb) -> list:
    """The subject a number pairs with when as many numbers as subjects are conjoined under
    one verb ("Ines Marr and Bo Link lost 1,52,300 and 98,410"): the one at the same place."""
    if len(names) < 2:
        return names
    doc, text = reader.doc, reader.text
    sent = anchor.sent
    listed = []
    for amount in reader.amounts:
        if not (sent.start_char <= amount.start < sent.end_char) or amount.start < verb.idx or _is_excluded(text, amount):
            continue
        span = _tokens(doc, amount.start, amount.end)
        governing = _governing_verb(_anchor(span)) if span is not None else None
        if governing is not None and governing.i == verb.i:
            listed.append(span)
    chains: list[list] = []
    for span in listed:
        between = doc[chains[-1][-1].end : span.start].text.strip().lower() if chains else None
        if between is not None and RESPECTIVE_GAP_RE.fullmatch(between):
            chains[-1].append(span)
        else:
            chains.append([span])
    chain = next((c for c in chains if any(s.start <= anchor.i < s.end for s in c)), [])
    if len(chain) != len(names):
        return names
    position = next(i for i, s in enumerate(chain) if s.start <= anchor.i < s.end)
    return [names[position]]


def _name_left_of_subjectless(verb):
    """A misparsed coordinated clause: "..., and Katy Perry, the most-followed person, dropped by 3 million",
    where the parser hangs the name on the previous clause and leaves the verb without a subject.

    Returns the person named just before the verb (past an appositive), when the verb has no
    subject of its own and is attached as an adverbial or conjunct clause.
    """
    if verb.dep_ not in {"advcl", "conj", "ccomp"} or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    doc = verb.doc
    right_before = doc[verb.i - 1] if verb.i > verb.sent.start else None
    if right_before is not None and right_before.pos_ == "PROPN" and right_before.dep_ in {"appos", "conj", "compound", "npadvmod"}:
        return right_before  # "According to Zach Allia, ..., Justin Bieber lost 3, 538, 228": Bieber hung on Allia
    if verb.dep_ == "ccomp":
        return None
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
            if index == verb.sent.start or doc[index - 1].lower_ in CLAUSE_STARTERS or doc[index - 1].ent_type_ == "PERSON":
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
    if any(t.lower_ in FIRST_PERSON or t.lower_ in FIRST_PERSON_CONTRACTIONS for t in anchor.sent):
        return [(subjects.canonical(statement.speaker), True)]
    verb = trigger if _is_verb(trigger) else _governing_verb(anchor)
    subject = _subject_tokens(verb) if verb is not None else None
    ownerless = subject is None or _counted(subject, anchor) or (subject.lower_ in COUNT_NOUNS and _owner(subject, reader.platforms) is None)
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


def find_mentions(
    doc, statements: Sequence[Statement], document: Document, platform: str | None,
    platforms: Platforms | None = None,
) -> list[ClaimMention]:
    """Every claim mention in a parsed document, in text order.

    Args:
        platforms: The `Analyzer`'s platform data (default: the shipped data).
    """
    reader = _Reader(doc, statements, document, platform, platforms)
    text = doc_text(doc)
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
        item = list_line(reader, amount, where)
        gapped = _gapped(reader, amount, previous, where) if previous is not None and item is None else None
        found = [item or gapped] if (item or gapped) is not None else read_mention(reader, amount, where)
        if not found and previous is not None:
            compared = _compared(reader, amount, previous, where)
            found = [compared] if compared is not None else []
        for mention in found:
            if mention.total is not None:
                totals.update(a.start for a in amounts[index + 1 : index + 3] if a.value == mention.total)
        mentions.extend(found)
    return mentions
