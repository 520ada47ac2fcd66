"""Attribution: split a document into statements, each with its speaker, role and cue.

Four kinds of statement, found in this order so that each character belongs
to at most one of them:

1. embedded posts: `TEXT — Display Name (@handle) Month D, YYYY` (cue `embed`);
2. direct quotes with a speech verb before or after them ("X said, "..."",
   ""...," X wrote", "It stated: "..."");
3. reported speech: a sentence whose speech verb has a named or nominal
   subject ("A spokesperson reportedly said that ...", "X assured users that
   ...", "according to X");
4. the reporter's own voice (or the document's `author`) for the rest, one
   statement per paragraph run.

Speakers are resolved to their fullest name in the document ("Kher", "the
actor" → "Anupam Kher"; "It" → the last named non-person speaker) and given
a role: `platform` from the platform lexicon, `third_party` otherwise; the
`affected` role is set later, once claims are known (`claimkit.roles`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from claimkit.lexicon.platforms import (
    EXECUTIVES,
    is_chatbot,
    is_platform_anaphor,
    platform_of_name,
    titled_platform,
)
from claimkit.lexicon.speech import (
    ANONYMOUS_HEADS,
    FINDING_NOUNS,
    FINDING_VERBS,
    NOT_SPEAKERS,
    PERSON_TITLES,
    SPEAKING_NOUNS,
    SPEECH_VERBS,
)
from claimkit.types import REPORTER, Document, Statement

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
#: The signature that ends an embedded post: ` — Name (@handle) Month D, YYYY`.
EMBED_RE = re.compile(
    r"[ \t]*(?:—|–|--|-)[ \t]*(?P<name>[^\n—–()]{1,80}?)[ \t]*\(@(?P<handle>[A-Za-z0-9_][A-Za-z0-9_.]{0,29})\)"
    rf"(?:[ \t]*(?P<date>(?:{MONTHS})\.?[ \t]+\d{{1,2}},?[ \t]+\d{{4}}))?"
)
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
WIDE_GAP_RE = re.compile(r"\n[ \t]*\n[ \t]*\n")
FIRST_SECOND_PERSON_RE = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|we|we're|we've|our|us|you|you're|your)\b|\bI[’']", re.IGNORECASE
)
SPEECH_WORD_RE = re.compile(
    r"\b(?:said|says|wrote|writes|tweeted|told|according to|stated|reported|reportedly|"
    r"claimed|added|explained|speculated|argued|posted|saying|weighed\s+in|responded|replied|stated|noted)\b",
    re.IGNORECASE,
)
POST_MARKS_RE = re.compile(
    r"[#@]\w|https?://|pic\.twitter\.com|[!?]|\b[A-Z]{3,}\b|\*\w[^*]*\*|[\U0001F000-\U0001FAFF\u2600-\u27BF]"
)
OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_THING = frozenset({"it", "its"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NAME_CHILD_DEPS = frozenset({"compound", "flat", "det", "amod", "poss", "case", "nmod", "nummod", "quantmod"})
NAME_PREFIXES = PERSON_TITLES | {
    "veteran", "senior", "former", "popular", "famous", "prominent", "conservative", "liberal",
    "activist", "comedian", "animator", "pro-trump", "bollywood", "hollywood", "rapper", "dr",
    "mr", "mrs", "ms", "sir", "dame",
}
# Characters kept in a display name; emoji and symbols around names are dropped.
NAME_CHARS_RE = re.compile(r"[^\w\s'’.\-&]")


@dataclass
class _Found:
    """A statement before speaker resolution: span, speaker phrase and cue."""

    start: int
    end: int
    speaker: str
    cue: str
    handle: str | None = None
    date: str | None = None
    speaker_start: int = -1
    anonymous: bool = False
    role: str | None = None


def clean_name(name: str) -> str:
    """A display name without emoji, symbols or a leading article.

    Example:
        >>> clean_name("🇺🇸MFLYNNJR🇺🇸"), clean_name("Richard 🐉 Spencer"), clean_name("A Twitter spokesperson")
        ('MFLYNNJR', 'Richard Spencer', 'Twitter spokesperson')
    """
    name = NAME_CHARS_RE.sub(" ", name)
    name = " ".join(name.split()).strip(" .'’-")
    name = re.sub(r"^(?:an?|the)\s+", "", name, flags=re.IGNORECASE)
    words = name.split()
    # "Singer Ama Osei", "Veteran actor Rohan Vyas": the title is not the name.
    while len(words) > 2 and (words[0].lower() in NAME_PREFIXES or words[0][:1].islower()) and sum(
        w[:1].isupper() for w in words[1:]
    ) >= 2:
        words = words[1:]
    return " ".join(words)


def _iso(date_text: str | None) -> str | None:
    if not date_text:
        return None
    text = re.sub(r"\s+", " ", date_text.replace(",", "").replace(".", "")).strip()
    for fmt in ("%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    if text.startswith("Sept "):
        return _iso("Sep " + text[5:])
    return None


# --------------------------------------------------------------------------- embeds


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph between `start` and `end`."""
    spans, pos = [], start
    for match in PARAGRAPH_BREAK_RE.finditer(text, start, end):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        stripped = text[a:b]
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip():
            out.append((a + lead, a + len(stripped.rstrip())))
    return out


def _is_narrative(paragraph: str) -> bool:
    """Reporter prose that introduces or reports posts, or a headline."""
    stripped = paragraph.strip()
    if stripped.endswith(":"):
        return True
    outside_quotes = re.sub(r"[“\"][^”\"]*[”\"]", " ", stripped)
    if SPEECH_WORD_RE.search(outside_quotes) and not FIRST_SECOND_PERSON_RE.search(outside_quotes):
        return True
    words = stripped.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 4 and capitalised / len(words) > 0.7 and not stripped.endswith((".", "!", "?"))


def _is_post_like(text: str, para: tuple[int, int], next_start: int) -> bool:
    """A paragraph that reads as part of the post that follows it.

    Post text speaks in the first or second person, or carries the marks of
    a post (hashtags, handles, links, emoji, "!", "?", ALL-CAPS words,
    *emphasis*), or is set off by a wide gap; narrative prose is none of these.
    """
    body = text[para[0] : para[1]]
    if _is_narrative(body):
        return False
    own_words = re.sub(r"[“\"][^”\"]*[”\"]", " ", body)
    first_person = FIRST_SECOND_PERSON_RE.search(own_words)
    if len(own_words.split()) > 40 and not first_person:
        return False
    gap = text[para[1] : next_start]
    return bool(first_person or POST_MARKS_RE.search(own_words) or WIDE_GAP_RE.search(gap))


def find_embeds(text: str, start: int = 0) -> list[_Found]:
    """Embedded posts: the signature line and the post text before it.

    The post runs back from its signature over the paragraphs that read as
    post text (first or second person, short, or set off by a wide gap), and
    never past the previous post or narrative that reports speech.
    """
    found: list[_Found] = []
    boundary = start
    for match in EMBED_RE.finditer(text, start):
        sig_start = match.start()
        paragraphs = _paragraphs(text, boundary, sig_start)
        if not paragraphs:
            boundary = match.end()
            continue
        post_start = paragraphs[-1][0]
        for index in range(len(paragraphs) - 2, -1, -1):
            if not _is_post_like(text, paragraphs[index], paragraphs[index + 1][0]):
                break
            post_start = paragraphs[index][0]
        name = clean_name(match.group("name")) or match.group("handle")
        found.append(
            _Found(
                start=post_start,
                end=match.end(),
                speaker=name,
                cue="embed",
                handle=match.group("handle"),
                date=_iso(match.group("date")),
                speaker_start=match.start("name"),
            )
        )
        boundary = match.end()
    return found


# --------------------------------------------------------------------------- speakers


def _speech_cue(token) -> str | None:
    if token.dep_ in {"acl", "amod", "compound", "nmod"}:
        return None
    if token.pos_ not in {"VERB", "AUX"} and token.lemma_.lower() not in {"write", "tweet", "post"}:
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
            if subjects[0].lower_ in {"which", "who", "that"} and current.dep_ in {"relcl", "acl"}:
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
    ents = [e for e in head.doc.ents if head.left_edge.i <= e.start and e.end <= head.right_edge.i + 1]
    people = [e for e in ents if e.label_ == "PERSON"]
    return people or [e for e in ents if e.label_ == "ORG"]


def speakers_of(subject) -> list[tuple[str, int, bool]]:
    """(name, char offset, anonymous) for each speaker a subject phrase names.

    Coordinated subjects ("A and B said") give several speakers; an anonymous
    head ("others, including A and B") gives the named people inside it.
    """
    anonymous_head = subject.lower_ in ANONYMOUS_HEADS
    heads = [subject] + ([] if anonymous_head else [c for c in subject.conjuncts if c.i > subject.i])
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
            ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
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
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_):
                return objects[0]
    return None


# --------------------------------------------------------------------------- quotes


def find_quotes(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Double-quoted spans (curly or straight) inside the given regions, one paragraph each."""
    spans = []
    for start, end in regions:
        pos = start
        while True:
            opener = _next_char(text, OPEN_QUOTES, pos, end)
            if opener < 0:
                break
            closer = _next_char(text, CLOSE_QUOTES, opener + 1, end)
            if closer < 0:
                break
            if "\n\n" in text[opener:closer]:
                pos = opener + 1
                continue
            spans.append((opener, closer + 1))
            pos = closer + 1
    return spans


def _next_char(text: str, chars: str, start: int, end: int) -> int:
    hits = [i for i in (text.find(c, start, end) for c in chars) if i >= 0]
    return min(hits) if hits else -1


def _speech_verb_in(tokens: Iterable) -> object | None:
    for tok in tokens:
        if _speech_cue(tok):
            return tok
    return None


def attribute_quote(doc, quote: tuple[int, int]) -> _Found | None:
    """The speaker of a direct quote, from a speech verb just after or before it.

    After: `"...," Kher wrote.` / `"...?" asked the actor` (the quote must
    not end a sentence with a full stop). Before: `Twitter Support said, "`
    / `It stated: "`. The statement covers the quote and its attribution.
    """
    text = doc.text
    q_start, q_end = quote
    inner = text[q_start + 1 : q_end - 1].rstrip()
    verb, start, end = None, q_start, q_end
    if not inner.endswith(".") and not inner.endswith("…"):
        after_end = _clause_end(text, q_end)
        after = [t for t in _tokens_between(doc, q_end, after_end) if not t.is_space]
        verb = _speech_verb_in(after[:5])
        end = after_end if verb is not None else q_end
    if verb is None:
        before_start = _clause_start(text, q_start)
        before = _tokens_between(doc, before_start, q_start)
        verb = _speech_verb_in(reversed(before))
        if verb is None or len(text[verb.idx + len(verb.text) : q_start].split()) > 4:
            return None
        start = before_start
    subject = _subject_of(verb)
    if subject is None or subject.lower_ in NOT_SPEAKERS - {"it"}:
        return None
    speakers = speakers_of(subject)
    if not speakers:
        return None
    name, offset, anonymous = speakers[0]
    return _Found(start, end, name, SPEECH_VERBS[verb.lemma_.lower()], speaker_start=offset,
                  anonymous=anonymous)


def _tokens_between(doc, start: int, end: int) -> list:
    """Tokens that start in [start, end), without scanning the whole document."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if start <= t.idx < end] if span is not None else []


def _clause_end(text: str, start: int) -> int:
    match = re.compile(r"[.!?\n]").search(text, start + 1)
    return match.end() if match else len(text)


def _clause_start(text: str, end: int) -> int:
    cut = max(text.rfind(c, 0, end) for c in ".!?\n")
    return cut + 1 if cut >= 0 else 0


# --------------------------------------------------------------------------- reported speech


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
        if subject is None or subject.pos_ == "PRON" and subject.lower_ in {"i", "we", "you", "me", "us"}:
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


# --------------------------------------------------------------------------- resolution


class _Resolver:
    """Resolves pronouns, role nouns and platform nominals to earlier speakers."""

    def __init__(self, doc, platform: str | None) -> None:
        self.doc = doc
        self.platform = platform
        self.people = [(e.start_char, clean_name(e.text)) for e in doc.ents if e.label_ == "PERSON"]
        self.things = [
            (e.start_char, clean_name(e.text))
            for e in doc.ents
            if e.label_ in {"ORG", "PRODUCT", "PERSON", "GPE", "NORP"} and (is_chatbot(e.text) or platform_of_name(e.text))
        ]

    def resolve(self, name: str, offset: int, known: Sequence[_Found]) -> tuple[str, str | None]:
        """(resolved name, role hint) for a speaker phrase at `offset`."""
        key = name.lower().strip()
        if is_platform_anaphor(name):
            # "the company said": the document's platform, or the nominal itself when none is known.
            return (self.platform or clean_name(name) or name), "platform"
        if key in PRONOUNS_THING:
            # "It stated:": the last chatbot or platform named, in the text or as a speaker.
            thing = self._last(self.things, offset)
            if thing is not None:
                return thing, None
            named = [f.speaker for f in known if f.start < offset and not f.anonymous
                     and (is_chatbot(f.speaker) or platform_of_name(f.speaker))]
            return (named[-1] if named else self.platform or name), None
        if key in PRONOUNS_PERSON or self._is_title(key):
            return (self._last(self.people, offset) or name), None
        return name, None

    def _is_title(self, key: str) -> bool:
        """"the (senior) actor": a definite description by a person noun."""
        words = key.split()
        return len(words) >= 2 and words[0] == "the" and words[-1] in PERSON_TITLES and len(words) <= 4

    @staticmethod
    def _last(entries: Sequence[tuple[int, str]], offset: int) -> str | None:
        before = [name for start, name in entries if start < offset]
        return before[-1] if before else None


def _role_for(speaker: str, handle: str | None) -> str:
    if is_chatbot(speaker):
        return "third_party"
    if platform_of_name(speaker) or (handle and platform_of_name(handle)) or is_platform_anaphor(speaker):
        return "platform"
    return "third_party"


def canonical_names(found: Sequence[_Found]) -> dict[str, str]:
    """Map each person speaker name to the fullest name in the document that contains it.

    Platform names keep their own ("Twitter" and "Twitter Support" stay
    apart); people merge by token subset ("Kher" → "Anupam Kher", "Musk" →
    "Elon Musk").
    """
    names = {f.speaker for f in found if f.speaker and not f.anonymous}
    tokens = {n: set(clean_name(n).lower().split()) for n in names}
    mapping = {}
    for name in names:
        if platform_of_name(name) and name.lower() not in EXECUTIVES:
            mapping[name] = name  # "Twitter" and "Twitter Support" stay apart
            continue
        supersets = [m for m in names if tokens[name] and tokens[name] <= tokens[m]]
        mapping[name] = max(supersets, key=lambda m: (len(tokens[m]), len(m)))
    handles = {f.handle.lower(): f.speaker for f in found if f.handle}
    for name in names:
        key = name.lower().lstrip("@")
        if key in handles:
            mapping[name] = mapping.get(handles[key], handles[key])
    return mapping


# --------------------------------------------------------------------------- main


def attribute(doc, document: Document, platform: str | None) -> list[Statement]:
    """Split a parsed document into attributed statements, in text order.

    Args:
        doc: The spaCy `Doc` of the document text (header masked).
        document: The `Document` (for `body_start`, `author` and dates).
        platform: The document's platform, to resolve "the company said".
    """
    text = doc.text
    embeds = find_embeds(text, document.body_start)
    taken = [(f.start, f.end) for f in embeds]
    free = _free_regions(document.body_start, len(text), taken)
    quotes = attribute_quotes(doc, find_quotes(text, _paragraph_regions(text, free)))
    taken += [(q.start, q.end) for q in quotes]
    reported, narrative = _sentences(doc, document.body_start, taken)
    nested = nested_platform_statements(doc, embeds + quotes)
    found = sorted(embeds + quotes + reported + nested, key=lambda f: (f.start, f.speaker_start))
    resolver = _Resolver(doc, platform)
    resolved: list[_Found] = []
    for item in found:
        name, role = resolver.resolve(item.speaker, item.speaker_start, resolved)
        name = clean_name(name) or item.speaker
        role = role or _role_for(name, item.handle) or None
        if role != "platform" and not is_chatbot(name) and _titled_as_platform(text, item, platform):
            role = "platform"
        resolved.append(replace(item, speaker=name, role=role))
    mapping = canonical_names(resolved)
    resolved = _consistent_roles(resolved, mapping)
    statements = [_statement(text, f, mapping) for f in resolved]
    statements += _narrative_statements(text, narrative, document)
    return sorted(statements, key=lambda s: (s.start, s.speaker))


def _titled_as_platform(text: str, item: _Found, platform: str | None) -> bool:
    """The speaker's title around their name says they speak for a platform."""
    if item.speaker_start < 0 or item.cue == "embed":
        return False
    end = text.find(item.speaker, item.speaker_start)
    end = end + len(item.speaker) if end >= 0 else item.speaker_start + len(item.speaker)
    before = text[max(0, item.speaker_start - 100) : item.speaker_start]
    return titled_platform(before, text[end : end + 160], platform) is not None


def _consistent_roles(found: Sequence[_Found], mapping: dict[str, str]) -> list[_Found]:
    """A speaker shown anywhere to speak for the platform speaks for it everywhere."""
    platform_voices = {mapping.get(f.speaker, f.speaker) for f in found if f.role == "platform" and not f.anonymous}
    return [
        replace(f, role="platform") if mapping.get(f.speaker, f.speaker) in platform_voices and not f.anonymous else f
        for f in found
    ]


def attribute_quotes(doc, spans: Sequence[tuple[int, int]]) -> list[_Found]:
    """Attribute each quote; an unattributed quote that continues an attributed one inherits its speaker.

    A continuation is a quote in the same paragraph right after the previous
    quote's attribution (`"...," he said. "..."`), or a paragraph that is all
    quote right after a paragraph ending with an attributed quote.
    """
    text = doc.text
    out: list[_Found] = []
    previous: _Found | None = None
    for span in spans:
        found = attribute_quote(doc, span)
        if found is None and previous is not None and _continues(text, previous, span):
            found = replace(previous, start=span[0], end=span[1])
        if found is not None:
            out.append(found)
        previous = found
    return out


def _continues(text: str, previous: _Found, span: tuple[int, int]) -> bool:
    gap = text[previous.end : span[0]]
    if PARAGRAPH_BREAK_RE.search(gap):
        rest_of_paragraph = re.split(r"\n[ \t]*\n", text[span[1] :], maxsplit=1)[0]
        return not gap.strip() and not rest_of_paragraph.strip()
    return len(gap.split()) <= 12 and not re.search(r"[.!?]\s+[A-Z][^\"“”]*[.!?]", gap)


def _statement(text: str, found: _Found, mapping: dict[str, str]) -> Statement:
    speaker = mapping.get(found.speaker, found.speaker)
    start, end = _trim(text, found.start, found.end)
    return Statement(
        speaker=speaker,
        handle=found.handle,
        role=found.role or "third_party",  # type: ignore[arg-type]
        cue=found.cue,  # type: ignore[arg-type]
        text=text[start:end],
        start=start,
        end=end,
        date=found.date,
        speaker_text=found.speaker if found.speaker != speaker else None,
        anonymous=found.anonymous,
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _free_regions(start: int, end: int, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no taken span covers."""
    regions, pos = [], start
    for a, b in sorted(taken):
        if b <= pos:
            continue
        if a >= end:
            break
        if a > pos:
            regions.append((pos, a))
        pos = b
    if pos < end:
        regions.append((pos, end))
    return regions


def _paragraph_regions(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    return [p for a, b in regions for p in _paragraphs(text, a, b)]


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < y and x < b for x, y in spans)


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


def _narrative_statements(text: str, spans: Sequence[tuple[int, int]], document: Document) -> list[Statement]:
    """The reporter's (or author's) statements: runs of narrative within one paragraph."""
    speaker = document.author or REPORTER
    role = "reporter" if speaker == REPORTER else _role_for(speaker, None)
    cue = "none" if speaker == REPORTER else "wrote"
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        if merged and not PARAGRAPH_BREAK_RE.search(text, merged[-1][1], start) and text[merged[-1][1] : start].strip() == "":
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [
        Statement(speaker, None, role, cue, text[a:b], a, b, None)  # type: ignore[arg-type]
        for a, b in merged
    ]
