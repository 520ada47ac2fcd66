"""Parse-tree helpers for claim extraction: tokens of a number, lemmas, governing verbs, subjects."""

from __future__ import annotations

from claimkit.lexicon.claims import LEMMA_FIXES
from claimkit.lexicon.speech import SPEECH_VERBS
from claimkit.spans import char_span


def _tokens(doc, start: int, end: int):
    return char_span(doc, start, end)


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


def _governing_verb(token, limit: int = 7):
    current = token
    for _ in range(limit):
        if _is_verb(current):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _sentence_has(sent, words: frozenset[str]) -> bool:
    return any(t.lower_ in words or t.lemma_.lower() in words for t in sent)


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


def _token_at(doc, offset: int):
    span = char_span(doc, offset, offset + 1)
    return span[0] if span is not None else None


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
