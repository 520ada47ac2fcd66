"""A rule lemmatizer that remembers each word's lemma by its tags.

spaCy's English rule lemmatizer (the pipeline's `lemmatizer`) works token by
token in Python. It caches a lemma by (word, POS, morphology), but not the
lemma of a base form (a singular noun, an infinitive, a positive adjective:
most tokens), whose morphology it reads again for every token.

Its lemma is a function of the token's word, POS and morphology alone
(`EnglishLemmatizer.rule_lemmatize` and `is_base_form` read nothing else),
so `MemoLemmatizer` keeps every lemma it has computed under that key,
base forms included, and sets a document's lemmas in one `Doc.from_array`.
A key it has not seen yet goes through spaCy's own `lemmatize`. Tokens that
already have a lemma (from the attribute ruler) keep it, as with spaCy's.

`swap_in(nlp)` installs it in place of a plain `EnglishLemmatizer` in rule
mode that does not overwrite; any other lemmatizer is left alone.
`tests/test_lemmas.py` checks every lemma against spaCy's on the team corpora.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.tokens import Doc

#: Keys kept before the memo starts again (memory stays flat on endless streams).
MEMO_LIMIT = 200_000
MEMO_COMPONENT = "claimkit_lemmatizer"


class MemoLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, with every computed lemma kept by (word, POS, morphology)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables()
        if len(self.memo) > MEMO_LIMIT:
            self.memo.clear()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        add = doc.vocab.strings.add
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue  # set by the attribute ruler
            key = (orth, pos, morph)
            found = self.memo.get(key)
            if found is None:
                found = add(self.lemmatize(doc[i])[0])
                if pos:  # a token without POS warns (W108) each time in spaCy: not kept
                    self.memo[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def swap_in(nlp) -> bool:
    """Replace the pipeline's `lemmatizer` by a `MemoLemmatizer` with the same tables.

    Returns whether it was replaced: only a plain `EnglishLemmatizer` in rule
    mode that does not overwrite lemmas is.
    """
    name = "lemmatizer"
    if name not in nlp.pipe_names:
        return False
    old = nlp.get_pipe(name)
    if type(old) is not EnglishLemmatizer or old.mode != "rule" or old.overwrite:
        return False
    names = nlp.component_names  # disabled components too (the sm pipeline's senter)
    following = names[names.index(name) + 1] if names.index(name) + 1 < len(names) else None
    nlp.remove_pipe(name)
    new = nlp.add_pipe(MEMO_COMPONENT, name=name, before=following)
    new.initialize(lookups=old.lookups)
    return True


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(MEMO_COMPONENT):
        @Language.factory(MEMO_COMPONENT, default_config={"model": None, "mode": "rule", "overwrite": False})
        def make_memo_lemmatizer(nlp, name: str, model, mode: str, overwrite: bool) -> MemoLemmatizer:
            return MemoLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite)


_register()
