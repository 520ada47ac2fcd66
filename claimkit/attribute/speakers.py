"""Speaker phrases: the speech verb of a clause, its subject, and the names a subject phrase gives."""

from __future__ import annotations

import re

from claimkit.lexicon.speech import (
    DEFINITE_DETERMINERS,
    DESCRIPTION_TITLES,
    ANONYMOUS_HEADS,
    FINDING_NOUNS,
    POSTING_LEMMAS,
    RELATIVE_SUBJECTS,
    SPEAKER_PREPOSITIONS,
    SPEAKING_NOUNS,
    SPEECH_VERBS,
)
from claimkit.spans import doc_text, entities_in, entity_at

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NAME_CHILD_DEPS = frozenset({"compound", "flat", "det", "amod", "poss", "case", "nmod", "nummod", "quantmod"})


def _speech_cue(token) -> str | None:
    if token.dep_ in {"acl", "amod", "compound", "nmod"}:
        return None
    if token.pos_ not in {"VERB", "AUX"} and token.lemma_.lower() not in POSTING_LEMMAS:
        return None
    return SPEECH_VERBS.get(token.lemma_.lower())


def _subject_of(verb):
    """The grammatical subject of a verb, climbing through xcomp/advcl/conj chains.

    A relative pronoun gives the noun it stands for ("the report, which said").
    """
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].lower_ in RELATIVE_SUBJECTS and current.dep_ in {"relcl", "acl"}:
                return current.head
            return subjects[0]
        if current.dep_ in {"xcomp", "advcl", "conj", "pcomp"} and current.head.i != current.i:
            current = current.head
            continue
        break
    # Inverted order without a parse link: "..., said Twitter's spokesperson."
    right = [c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod"} and c.pos_ in {"PROPN", "NOUN"}]
    return right[0] if right and verb.i > 0 and verb.doc[verb.i - 1].is_punct else None


def _name_tokens(head) -> list:
    """The tokens naming a speaker: the head with its name-like left modifiers."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ in NAME_CHILD_DEPS]
    while stack:
        tok = stack.pop()
        if tok.i > head.i and tok.dep_ not in {"flat", "compound"}:
            continue
        tokens.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in NAME_CHILD_DEPS)
    return sorted(tokens, key=lambda t: t.i)


def _named_people(head) -> list:
    """PERSON/ORG entities inside a subject phrase ("others, including A and B")."""
    ents = entities_in(head.doc, head.left_edge.i, head.right_edge.i + 1)
    people = [e for e in ents if e.label_ == "PERSON"]
    return people or [e for e in ents if e.label_ == "ORG"]


def speakers_of(subject) -> list[tuple[str, int, bool]]:
    """(name, char offset, anonymous) for each speaker a subject phrase names.

    Coordinated subjects ("A and B said") give several speakers; an anonymous
    head ("others, including A and B") gives the named people inside it.
    """
    anonymous_head = subject.lower_ in ANONYMOUS_HEADS
    conjuncts = [c for c in subject.conjuncts if c.i > subject.i]
    if conjuncts and conjuncts[-1].lower_ in DESCRIPTION_TITLES and any(
        c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in subject.children
    ):
        # "the Tesla and SpaceX CEO": one person described by a title, not two speakers
        start, end = subject.left_edge.idx, conjuncts[-1].idx + len(conjuncts[-1].text)
        return [(doc_text(subject.doc)[start:end], start, False)]
    heads = [subject] + ([] if anonymous_head else conjuncts)
    out = []
    for head in heads:
        if head.lower_ in ANONYMOUS_HEADS:
            people = _named_people(head)
            if people:
                out += [(p.text, p.start_char, False) for p in people]
            else:
                tokens = _name_tokens(head)
                out.append((" ".join(t.text for t in tokens), tokens[0].idx, True))
            continue
        owner = _speaking_noun_owner(head)
        if owner is not None:
            out += speakers_of(owner)
            continue
        named = [c for c in head.subtree if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")]
        if named and head.ent_type_ != "PERSON":
            head = named[0]  # "The company's head of product, Nikita Bier, said"
        tokens = _name_tokens(head)
        if head.ent_type_ == "PERSON":
            ent = entity_at(head)
            if ent is not None:
                out.append((re.sub(r"[’']s$", "", ent.text.strip()), ent.start_char, False))
                continue
        text = "".join(t.text_with_ws for t in tokens).strip()
        text = re.sub(r"[’']s$", "", text)
        out.append((text, tokens[0].idx, False))
    return out


def _speaking_noun_owner(head):
    """"Facebook's explanation", "a statement from Twitter", "a Washington Post
    analysis" → the speaker's token."""
    lemma = head.lemma_.lower()
    finding = lemma in FINDING_NOUNS or head.lower_ in FINDING_NOUNS
    if lemma not in SPEAKING_NOUNS and head.lower_ not in SPEAKING_NOUNS and not finding:
        return None
    for child in head.children:
        if child.dep_ == "poss":
            return child
        if finding and child.dep_ == "compound" and child.pos_ == "PROPN":
            return child
        if finding and child.dep_ == "acl":  # "figures compiled by the BBC"
            for agent in child.children:
                if agent.dep_ == "agent" or agent.lower_ == "by":
                    objects = [c for c in agent.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        if child.dep_ == "prep" and child.lower_ in SPEAKER_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_):
                return objects[0]
    return None
