"""Reported speech: sentences whose speech verb has a named or nominal subject, and
platform voices reported inside a post or a quote."""

from __future__ import annotations

from collections.abc import Sequence

from claimkit.attribute.common import _Found, _free_regions, _overlaps, clean_name
from claimkit.attribute.speakers import _speaking_noun_owner, _speech_cue, _subject_of, speakers_of
from claimkit.lexicon.platforms import platform_of_name
from claimkit.lexicon.speech import FINDING_VERBS, FIRST_SECOND_SUBJECTS, NOT_SPEAKERS, SPEECH_VERBS


def reported_speakers(sent) -> tuple[list[tuple[str, int, bool]], str] | None:
    """Speakers and cue of a sentence of reported speech, or None for narrative.

    A speech verb counts when its subject is not a pronoun-like non-speaker
    and it takes a complement: a clause, "about ...", or is "according to".
    """
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objects = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return speakers_of(objects[0]), "said"
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
    for tok in sent:
        cue = _speech_cue(tok)
        if not cue:
            continue
        if tok.ent_type_ in {"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"}:
            continue  # "Let Me Explain Studios"
        if tok.tag_ == "VBG" and not any(c.dep_ == "aux" for c in tok.children):
            continue  # "accounts posting spam", "began sharing their views"
        if any(c.dep_ in {"neg", "auxpass"} for c in tok.children):
            continue  # "X has not said how many", "is estimated to have lost": no statement
        subject = _subject_of(tok)
        if subject is None or subject.pos_ == "PRON" and subject.lower_ in FIRST_SECOND_SUBJECTS:
            continue
        if subject.lower_ in NOT_SPEAKERS and _speaking_noun_owner(subject) is None:
            continue
        deps = {c.dep_ for c in tok.children}
        speakers = speakers_of(subject)
        content = {"ccomp", "xcomp", "prep", "dobj", "advcl", "dative", "prt"}
        if tok.lemma_.lower() == "add":
            content = {"ccomp"}  # "added 10k subscribers" is a gain, not speech
        if all(anonymous for _, _, anonymous in speakers):
            content = {"ccomp"}
        if deps & content:
            return speakers, cue
    return None


def _sentences(doc, body_start: int, taken: Sequence[tuple[int, int]]):
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
        found = reported_speakers(sent) if whole or not _overlaps(sent.start_char, sent.end_char, taken) else None
        if found:
            speakers, cue = found
            for name, offset, anonymous in speakers:
                reported.append(_Found(pieces[0][0], pieces[-1][1], name, cue, speaker_start=offset, anonymous=anonymous))
            if all(anonymous for _, _, anonymous in speakers):
                # The reporter narrates what unnamed people claim: their sentence too.
                narrative.extend(pieces)
        else:
            narrative.extend(p for p in pieces if doc.text[p[0] : p[1]].strip(" \n\t.,;:—–-\"“”"))
    return reported, narrative


def nested_platform_statements(doc, containers: Sequence[_Found]) -> list[_Found]:
    """Platform voices reported inside a post or a quote ("Twitter Support says accounts ...").

    The sentence stays the post's; it is also the platform's statement, so
    the official position hears it.
    """
    nested = []
    for container in containers:
        span = doc.char_span(container.start, container.end, alignment_mode="contract")
        if span is None:
            continue
        for sent in span.sents:
            found = reported_speakers(sent)
            if not found:
                continue
            speakers, cue = found
            for name, offset, anonymous in speakers:
                if anonymous or name == container.speaker:
                    continue
                if platform_of_name(clean_name(name) or name):
                    start = max(sent.start_char, container.start)
                    end = min(sent.end_char, container.end)
                    nested.append(_Found(start, end, name, cue, speaker_start=offset, role="platform"))
    return nested
