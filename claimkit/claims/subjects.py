"""Subject finding: whose followers a claim counts, resolved to a name in the document."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimkit.attribute import clean_name
from claimkit.claims.tokens import _relative_antecedent, _speech_verb_above, _subject_tokens
from claimkit.lexicon.claims import (
    ACCOUNT_NOUNS,
    COUNT_NOUNS,
    FIRST_PERSON,
    FOLLOWER_COMPOUNDS,
    FOLLOWER_NOUNS,
    FOLLOWER_PRONOUNS,
    NAME_CONNECTORS,
    NAME_LABELS,
    NAME_TAIL_CONNECTORS,
    NAME_TITLES,
    OTHER_PRONOUNS,
    OWNED_NOUNS,
    PEOPLE_NOUNS,
    PERSON_ANAPHORS,
    PLATFORM_NOUNS,
    RELATIVE_PRONOUNS,
    SUBJECT_ANAPHORS,
    THING_PRONOUNS,
    THIRD_PERSON,
)
from claimkit.lexicon.speech import PERSON_TITLES
from claimkit.names import fullest_name
from claimkit.platforms import Platforms
from claimkit.spans import doc_text, entity_at
from claimkit.types import Statement


#: Words that title a name ("Minister", "leader", "rapper"): a name starts after them.
TITLE_WORDS = NAME_TITLES | PERSON_TITLES


class _Subjects:
    """Resolves the subject of a claim to a name in the document."""

    def __init__(self, doc, statements: Sequence[Statement], platform: str | None, platforms: Platforms) -> None:
        self.doc = doc
        self.statements = statements
        self.platform = platform
        self.platforms = platforms
        self.speakers = [s.speaker for s in statements if not s.anonymous and s.role != "reporter" and _name_like(s.speaker)]
        self.entities = [_clean_entity(e) for e in doc.ents if e.label_ in {"PERSON", "ORG"}]
        # People a "he"/"she" can point back to; a platform the tagger took for a person is not one.
        self.people = [
            (e.start_char, _clean_entity(e)) for e in doc.ents
            if e.label_ == "PERSON" and _clean_entity(e) and not _platform_itself(platforms, _clean_entity(e))
        ]
        # A surname alone the tagger left untagged ("bad news for Bachchan senior") still names them.
        surnames = {person.split()[-1]: person for _, person in self.people if len(person.split()) >= 2}
        if surnames:
            self.people += [
                (t.idx, surnames[t.text]) for t in doc if t.pos_ == "PROPN" and t.ent_type_ != "PERSON" and t.text in surnames
            ]
        self.people.sort()
        self._candidates: list[str] | None = None
        self._propn_runs: list[str] | None = None

    @property
    def propn_runs(self) -> list[str]:
        """Runs of proper nouns, for nicknames made of initials ("Shah Rukh Khan" for "SRK"); read on first use."""
        if self._propn_runs is None:
            self._propn_runs = _propn_runs(self.doc)
        return self._propn_runs

    def canonical(self, name: str) -> str:
        """The fullest form of a name among the speakers and the people and organisations
        the text names ("Kher" → "Anupam Kher", "jack" → "Jack Dorsey")."""
        name = _strip_titles(re.sub(r"[’']s?$", "", clean_name(name.strip()) or name.strip()))
        if self._candidates is None:  # once per document, each distinct name once
            self._candidates = list(dict.fromkeys(_strip_titles(n) for n in (*self.speakers, *self.entities) if n))
        fullest = fullest_name(name, self._candidates)
        if fullest == name:
            return self.nicknamed(name) or name
        return fullest

    def nicknamed(self, name: str) -> str | None:
        """The one person the text names whose initials a nickname spells: "SRK" → "Shah Rukh Khan"
        (every initial), "Big B" → "Amitabh Bachchan" (a last word of one capital: the surname's)."""
        words = name.split()
        initials = len(words) == 1 and re.fullmatch(r"[A-Z]{2,4}", name)
        if not initials and not (len(words) == 2 and re.fullmatch(r"[A-Z]", words[1]) and words[0][:1].isupper()):
            return None  # neither "SRK" nor "Big B": no nickname, nothing to look up
        named = [person for _, person in self.people] + [e for e in self.entities if e and not _platform_itself(self.platforms, e)]
        named += self.propn_runs if len(words) == 1 else []
        full = {_strip_titles(person) for person in named if len(_strip_titles(person).split()) >= 2}
        full = {person for person in full if not set(words) & set(person.split())}  # not the nickname itself
        if initials:
            found = {p for p in full if "".join(w[0] for w in p.split()).upper() == name}
        else:
            found = {p for p in full if p.split()[-1][:1] == words[1]}
        return found.pop() if len(found) == 1 else None

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
            if lower in THING_PRONOUNS:
                return None, False
            before = [name for start, name in self.people if start < token.idx]
            return (self.canonical(before[-1]) if before else None), False
        if lower in OTHER_PRONOUNS:
            return None, False
        if re.fullmatch(r"@\w{2,}", token.text):
            return self.canonical(token.text[1:]), False  # a handle names its account, whatever the tagger made of it
        if token.pos_ == "NOUN" and self.platform and lower in PLATFORM_NOUNS:
            return self.platform, False
        owner = _owner(token, self.platforms)
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
        name = _name(token)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            titled = self.titled(name, token.idx)  # "The Opposition Leader" → the leader named earlier
            if titled is not None:
                return titled, False
        return self.canonical(name), False

    def titled(self, title: str, before: int) -> str | None:
        """The person an earlier title introduced ("Opposition Leader Sita Rao ... The Opposition
        Leader lost ..."): the last person named right after the same words, before `before`."""
        starts = {e.start_char: e for e in self.doc.ents if e.label_ == "PERSON"}
        found = None
        for match in re.finditer(rf"\b{re.escape(title)}\s+", doc_text(self.doc)[:before], re.IGNORECASE):
            person = starts.get(match.end())
            if person is not None and _clean_entity(person):
                found = _clean_entity(person)
        return self.canonical(found) if found else None

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
        if not name or _platform_itself(self.platforms, name) or self.platforms.is_anaphor(f"the {subject.lower_}"):
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


def _propn_runs(doc) -> list[str]:
    """Every run of two to four capitalised proper nouns in a document ("Shah Rukh Khan")."""
    runs, current = [], []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha:
            current.append(token.text)
            continue
        if 2 <= len(current) <= 4:
            runs.append(" ".join(current))
        current = []
    return runs


def _platform_itself(platforms: Platforms, name: str) -> bool:
    """The name is a platform or one of its accounts, not a person (its executives own their followers)."""
    return bool(platforms.of_name(name)) and not platforms.is_executive(name)


def _strip_titles(name: str) -> str:
    """A name without the titles the parser or NER glued to it ("Campaigner Leo Grant", "Sen. Ruth Ellis",
    "Transport Minister Ravi Sen": a compound title ends at its last title word when two or more words follow)."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in NAME_TITLES:
        words.pop(0)
    titled = [i for i, w in enumerate(words[:-2]) if w.lower().rstrip(".,") in TITLE_WORDS]
    if titled and all(w[:1].isupper() for w in words[titled[-1] + 1 :]):
        words = words[titled[-1] + 1 :]
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


def _owner(token, platforms: Platforms):
    """"Obama's account" → Obama; "the account of X" → X; "Ronaldo's Instagram" → Ronaldo."""
    if token.pos_ == "PROPN" and platforms.of_name(token.text):
        return next((c for c in token.children if c.dep_ == "poss"), None)
    if token.lower_ not in OWNED_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ in PEOPLE_NOUNS:
                followed = _followed_by(objects[0])
                if followed is not None:
                    return followed  # "the number of people who followed Dev Rao"
            if objects and objects[0].lower_ not in FOLLOWER_PRONOUNS:
                return objects[0]
    for child in token.children:
        if child.dep_ == "compound" and child.lower_ in FOLLOWER_COMPOUNDS:
            for grand in child.children:
                if grand.dep_ == "poss":
                    return grand
    return None


def _followed_by(people):
    """X in "people who followed X" / "users following X": whose followers they are."""
    for clause in people.children:
        if clause.dep_ in {"relcl", "acl"} and clause.lemma_.lower() in {"follow", "subscribe"}:
            for child in clause.children:
                if child.dep_ == "dobj":
                    return child
                if child.dep_ == "prep" and child.lower_ == "to":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _name(token) -> str:
    """The proper name a token is part of, without possessives or numbers
    ("Facebook for Every Phone" whole, "Kher's" as "Kher")."""
    ent = entity_at(token)
    ent = ent if ent is not None and ent.label_ in NAME_LABELS else None
    if ent is not None:
        cleaned = _clean_entity(ent)
        if cleaned:
            return cleaned + _name_tail(token)
    parts = [token]
    for child in token.children:
        if child.dep_ in {"compound", "flat"} and child.i < token.i and child.pos_ == "PROPN":
            parts.extend(child.subtree)
    first = min(t.i for t in parts)
    # "T-Series": the hyphen hangs on the head as punctuation; keep it inside the name.
    parts += [c for c in token.children if c.dep_ == "punct" and c.text in {"-", "&"} and first < c.i < token.i]
    return _join(sorted(parts, key=lambda t: t.i)) + _name_tail(token)


def _name_tail(token) -> str:
    """" for Every Phone" after "Facebook": a connector and capitalised words that the parser
    hung on the name."""
    doc = token.doc
    position = token.i + 1
    if position >= len(doc) or doc[position].lower_ not in NAME_TAIL_CONNECTORS or doc[position].head.i != token.i:
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
