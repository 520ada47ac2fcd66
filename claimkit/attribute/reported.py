"""Reported speech: sentences whose speech verb has a named or nominal subject, and
platform voices reported inside a post or a quote."""

from __future__ import annotations

from collections.abc import Sequence

from claimkit.attribute.common import _Found, _free_regions, _overlaps, clean_name
from claimkit.attribute.speakers import _speaking_noun_owner, _speech_cue, _subject_of, speakers_of
from claimkit.lexicon.speech import (
    ADDRESSEES,
    ANONYMOUS_HEADS,
    CARRYING_SPEECH,
    DEMONSTRATIVES,
    FINDING_VERBS,
    FIRST_SECOND_SUBJECTS,
    FREE_RELATIVES,
    ISSUED_NOUNS,
    ISSUING_VERBS,
    NO_SOURCE_OBJECTS,
    NOT_SPEAKERS,
    SPEAKING_ADJECTIVES,
    SPEAKING_NOUNS,
    SPEECH_VERBS,
)
from claimkit.platforms import Platforms, builtin_platforms
from claimkit.spans import char_span, doc_text


def reported_speakers(sent, platforms: Platforms | None = None) -> tuple[list[tuple[str, int, bool]], str] | None:
    """Speakers and cue of a sentence of reported speech, or None for narrative.

    A speech verb counts when its subject is not a pronoun-like non-speaker
    and it takes a complement: a clause, "about ...", or is "according to".
    Where a relayed source ("according to Bloomberg", "X told the Post that")
    reports a named speaker's own words ("Gadde announced that ..."), that
    speaker is the statement's: the outlet is only the relay. `platforms` is
    the `Analyzer`'s platform data (default: the shipped data).
    """
    platforms = platforms or builtin_platforms()
    relay = _according_to(sent)
    if relay is not None and relay[0]:
        inner = _speech_verb_speakers(sent, platforms, exclude=relay[2], named_only=True)
        if inner is not None and _is_relay(sent, relay[2], platforms):
            return inner
        return relay[0], relay[1]
    for tok in sent:
        root = tok.head
        if (
            tok.dep_ == "nsubj"
            and (root.lemma_.lower() in SPEECH_VERBS or root.lemma_.lower() in FINDING_VERBS | {"be"})
            and not any(c.dep_ == "neg" for c in root.children)
            and _speaking_noun_owner(tok) is not None
        ):
            return speakers_of(tok), "said"  # "Facebook's explanation is ...", "CrowdTangle's figures show"
        if (
            tok.dep_ == "nsubj"
            and root.lemma_.lower() in FINDING_VERBS
            and (tok.pos_ == "PROPN" or tok.ent_type_ in {"ORG", "PERSON"})
            and any(c.dep_ == "ccomp" for c in root.children)
        ):
            return speakers_of(tok), "said"  # "The Post found that ..."
    found = _speech_verb_speakers(sent, platforms)
    if found is not None:
        return found
    return _issued_text_speakers(sent) or _speaking_adjective_speakers(sent)


def _according_to(sent):
    """(speakers, cue, token ids of the phrase) of "according to X", or None.

    "according to reports" names no source: (empty list, cue, ids).
    """
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objects = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                ids = {t.i for t in obj.subtree} | {tok.i, tok.i + 1}
                generic = obj.lower_ in NO_SOURCE_OBJECTS and _speaking_noun_owner(obj) is None and not any(
                    c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN" for c in obj.children
                )
                return ([] if generic else speakers_of(obj)), "said", ids
    return None


def _is_relay(sent, ids: set[int], platforms: Platforms) -> bool:
    """The object of "according to" is an outlet or other relay: a proper name
    that is neither a person nor a platform voice ("according to Bloomberg")."""
    objects = [t for t in sent if t.i in ids and t.dep_ == "pobj"]
    if not objects:
        return False
    obj = objects[0]
    if obj.ent_type_ == "PERSON" or obj.pos_ != "PROPN" and obj.ent_type_ not in {"ORG", "WORK_OF_ART"}:
        return False
    name = " ".join(t.text for t in obj.subtree)
    return platforms.of_name(clean_name(name) or name) is None and not platforms.is_anaphor(name)


def _named(subject, platforms: Platforms) -> bool:
    """A speaker who is named (a proper name, a person) or a platform nominal."""
    return subject.pos_ == "PROPN" or subject.ent_type_ in {"PERSON", "ORG"} or platforms.is_anaphor(
        " ".join(t.text for t in subject.subtree if t.i <= subject.i)
    )


def _speech_verb_speakers(
    sent, platforms: Platforms, exclude: set[int] | frozenset[int] = frozenset(), named_only: bool = False
):
    """Speakers and cue of the speech verbs of a sentence; the innermost named
    speaker wins over an anonymous relay ("People told the Post that Dorsey explained ...").

    Args:
        exclude: Token ids to pass over (an "according to" phrase).
        named_only: Keep only speech verbs whose subject is named.
    """
    candidates = []
    for tok in sent:
        if tok.i in exclude:
            continue
        cue = _speech_cue(tok)
        if not cue:
            continue
        if tok.ent_type_ in {"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"}:
            continue  # "Let Me Explain Studios"
        deps = {c.dep_ for c in tok.children}
        if tok.tag_ == "VBG" and "aux" not in deps and "ccomp" not in deps:
            continue  # "accounts posting spam", "began sharing their views" (but "..., alleging that ...")
        if tok.tag_ == "VBG" and tok.dep_ in {"acl", "amod", "pcomp"}:
            continue
        if "neg" in deps:
            continue  # "X has not said how many": no statement
        if "auxpass" in deps:
            agent = _passive_agent(tok)
            if agent is None:
                continue  # "is estimated to have lost": no statement
            candidates.append((tok, speakers_of(agent), cue))  # "has been said by Twitter"
            continue
        if (named_only or tok.tag_ == "VBG" and "aux" not in deps) and not _named(_subject_of(tok) or tok, platforms):
            continue  # "..., saying ..." speaks only for a named subject ("Trump ..., alleging that")
        if _modifies_quality(tok) and "ccomp" not in deps:
            continue  # "fans always ready to like and retweet her pictures"
        if _free_relative(tok):
            continue
        subject = _subject_of(tok)
        if subject is not None and _addressed_text(subject):
            candidates.append((tok, [("the company", subject.idx, False)], cue))  # "a letter to users said"
            continue
        if subject is None or subject.pos_ == "PRON" and subject.lower_ in FIRST_SECOND_SUBJECTS:
            continue
        if subject.i in exclude:
            continue
        if subject.lower_ in NOT_SPEAKERS and _speaking_noun_owner(subject) is None:
            continue
        if _described_text(subject):
            continue  # "This cheerful reply suggests ...": the reporter describing a post
        speakers = speakers_of(subject)
        content = {"ccomp", "xcomp", "prep", "dobj", "advcl", "dative", "prt"}
        if tok.lemma_.lower() == "add":
            content = {"ccomp"}  # "added 10k subscribers" is a gain, not speech
        if all(anonymous for _, _, anonymous in speakers):
            content = {"ccomp"}
        if deps & content:
            candidates.append((tok, speakers, cue))
    if not candidates:
        return None
    # A named speaker's speech reported inside another's ("told the Post that Dorsey explained").
    for verb, speakers, cue in candidates[1:]:
        outer = candidates[0][0]
        if not outer.is_ancestor(verb):
            continue
        if not all(anonymous for _, _, anonymous in speakers) and all(
            anonymous or _is_outlet_like(name) for name, _, anonymous in candidates[0][1]
        ):
            return speakers, cue
    return candidates[0][1], candidates[0][2]


def _is_outlet_like(name: str) -> bool:
    """A relay rather than a source: anonymous people ("People who attended told the Post")."""
    return name.lower().split()[-1] in ANONYMOUS_HEADS if name.split() else True


def _described_text(subject) -> bool:
    """A text the reporter points at and describes ("This lighthearted response", "that
    reply"): a demonstrative speaking noun with no owner speaks for no one."""
    lemma = subject.lemma_.lower()
    if lemma not in SPEAKING_NOUNS and subject.lower_ not in SPEAKING_NOUNS:
        return False
    if _speaking_noun_owner(subject) is not None:
        return False
    return any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in subject.children)


def _passive_agent(verb):
    """The agent of a passive speech verb ("was announced by Twitter", "has been
    said in reply by Twitter")."""
    preps = list(verb.children)
    preps += [g for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj" for g in o.children]
    for child in preps:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_ in {"ORG", "PERSON"}):
                return objects[0]
    return None


def _free_relative(verb) -> bool:
    """"doing what they had promised to do": the verb's content is a free relative, not speech."""
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"} and any(
            g.dep_ in {"dobj", "nsubj"} and g.lower_ in FREE_RELATIVES and g.i < verb.i for g in child.children
        ):
            return True
    return any(c.dep_ == "dobj" and c.lower_ in FREE_RELATIVES and c.i < verb.i for c in verb.children)


def _speaking_adjective_speakers(sent):
    """"The tech billionaire has been vocal about his commitment to removing bots"."""
    for tok in sent:
        if tok.lower_ not in SPEAKING_ADJECTIVES or tok.dep_ != "acomp":
            continue
        if not any(c.dep_ == "prep" and c.lower_ == "about" for c in tok.children):
            continue
        subject = _subject_of(tok.head)
        if subject is None or subject.pos_ == "PRON" and subject.lower_ in FIRST_SECOND_SUBJECTS:
            continue
        if subject.lower_ in NOT_SPEAKERS:
            continue
        return speakers_of(subject), "said"
    return None


def _addressed_text(subject) -> bool:
    """"a letter to users", "a notice to creators": a text the platform addresses to its users."""
    if subject.lemma_.lower() not in ISSUED_NOUNS or _speaking_noun_owner(subject) is not None:
        return False
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and " ".join(t.lower_ for t in objects[0].subtree) in ADDRESSEES | {o.lower_ for o in objects if o.lower_ in ADDRESSEES}:
                return True
    return False


def _modifies_quality(verb) -> bool:
    """An infinitive that complements an adjective or a noun ("ready to retweet", "the urge to post")."""
    current = verb
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
    return to and current.dep_ in {"xcomp", "acl"} and current.head.pos_ in {"ADJ", "NOUN"}


def _issued_text_speakers(sent):
    """"the company had released a statement saying that ...", "They issued a
    statement saying ...": the text's issuer speaks."""
    for tok in sent:
        if tok.dep_ != "acl" or tok.lemma_.lower() not in CARRYING_SPEECH:
            continue
        noun = tok.head
        if noun.lemma_.lower() not in ISSUED_NOUNS and noun.lower_ not in ISSUED_NOUNS:
            continue
        owner = _speaking_noun_owner(noun)
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in ISSUING_VERBS:
            owner = _subject_of(noun.head)
        if owner is None or owner.pos_ == "PRON" and owner.lower_ in FIRST_SECOND_SUBJECTS:
            continue
        if owner.lower_ in NOT_SPEAKERS - {"it", "they"}:
            continue
        return speakers_of(owner), SPEECH_VERBS.get(tok.lemma_.lower(), "said")
    return None


def _sentences(doc, body_start: int, taken: Sequence[tuple[int, int]], platforms: Platforms | None = None):
    """Reported-speech statements, and the leftover narrative sentence spans."""
    reported: list[_Found] = []
    narrative: list[tuple[int, int]] = []
    for sent in doc.sents:
        if sent.end_char <= body_start or not sent.text.strip():
            continue
        pieces = _free_regions(max(sent.start_char, body_start), sent.end_char, taken)
        if not pieces:
            continue
        whole = len(pieces) == 1 and pieces[0] == (max(sent.start_char, body_start), sent.end_char)
        found = reported_speakers(sent, platforms) if whole or not _overlaps(sent.start_char, sent.end_char, taken) else None
        if found:
            speakers, cue = found
            for name, offset, anonymous in speakers:
                reported.append(_Found(pieces[0][0], pieces[-1][1], name, cue, speaker_start=offset, anonymous=anonymous))
            if all(anonymous for _, _, anonymous in speakers):
                # The reporter narrates what unnamed people claim: their sentence too.
                narrative.extend(pieces)
        else:
            narrative.extend(p for p in pieces if doc_text(doc)[p[0] : p[1]].strip(" \n\t.,;:—–-\"“”"))
    return reported, narrative


def nested_platform_statements(doc, containers: Sequence[_Found], platforms: Platforms | None = None) -> list[_Found]:
    """Platform voices reported inside a post or a quote ("Twitter Support says accounts ...").

    The sentence stays the post's; it is also the platform's statement, so
    the official position hears it.
    """
    platforms = platforms or builtin_platforms()
    nested = []
    for container in containers:
        span = char_span(doc, container.start, container.end, alignment_mode="contract")
        if span is None:
            continue
        for sent in span.sents:
            found = reported_speakers(sent, platforms)
            if not found:
                continue
            speakers, cue = found
            for name, offset, anonymous in speakers:
                if anonymous or name == container.speaker:
                    continue
                if platforms.of_name(clean_name(name) or name):
                    start = max(sent.start_char, container.start)
                    end = min(sent.end_char, container.end)
                    nested.append(_Found(start, end, name, cue, speaker_start=offset, role="platform"))
    return nested
