"""Speech and attribution cues (data for attribution).

Each verb lemma maps to the SPEC's `cue` label it is reported as.
"""

from __future__ import annotations

#: Verb lemma -> SPEC cue label.
SPEECH_VERBS: dict[str, str] = {
    "say": "said", "tell": "said", "add": "said", "explain": "said", "clarify": "said",
    "assure": "said", "inform": "said", "confirm": "said", "deny": "said", "reply": "said",
    "respond": "said", "note": "said", "claim": "said", "ask": "said", "insist": "said",
    "argue": "said", "suggest": "said", "allege": "said", "complain": "said",
    "announce": "said", "acknowledge": "said", "admit": "said", "warn": "said",
    "report": "said", "point": "said", "maintain": "said", "reiterate": "said",
    "answer": "said", "comment": "said", "blame": "said", "accuse": "said", "wonder": "said",
    "question": "said", "speculate": "said", "dismiss": "said", "reject": "said",
    "joke": "said", "quip": "said", "urge": "said", "request": "said", "observe": "said",
    "counter": "said", "weigh": "said", "chime": "said", "agree": "said", "concede": "said",
    "describe": "said", "attribute": "said", "reveal": "said", "share": "posted",
    "dispute": "said", "contest": "said", "rebut": "said", "object": "said", "stress": "said",
    "emphasise": "said", "emphasize": "said", "caution": "said", "promise": "said",
    "vow": "said", "lament": "said", "predict": "said", "estimate": "said",
    "confess": "said", "reckon": "said", "mention": "said", "recount": "said",
    "write": "wrote", "tweet": "tweeted", "retweet": "tweeted", "state": "stated",
    "post": "posted", "message": "wrote", "email": "wrote",
}

#: Words that are never speakers even when they are the subject of a speech verb.
NOT_SPEAKERS = frozenset({
    "this", "that", "it", "which", "who", "what", "report", "reports", "article",
    "data", "analysis", "page", "study", "post", "tweet", "update",
    # findings and shapes of data speak only through an owner ("CrowdTangle's figures show")
    "figures", "figure", "numbers", "comparison", "pattern", "patterns", "trend", "trends",
    "chart", "graph", "table", "list", "screenshot", "screenshots", "tally",
})

#: Subjects that make a speaker anonymous: annotated by nobody, kept apart in output.
ANONYMOUS_HEADS = frozenset({
    "user", "users", "one", "another", "others", "some", "someone", "somebody", "many",
    "people", "fans", "followers", "critics", "commenters", "commentators", "observers",
    "experts", "analysts", "accounts", "viewers", "netizens", "tweeters", "posters",
    "creators", "influencers", "supporters", "conservatives", "liberals", "several",
    "few", "most", "reply", "replies", "person", "individual", "lot", "lots", "number",
    "handful", "dozens", "hundreds", "thousands", "millions", "group", "couple", "plenty",
    "everyone", "everybody", "anyone", "anybody", "nobody", "none", "both", "all", "majority",
})

#: Nouns whose possessor is the speaker: "Facebook's explanation is simple: ...".
SPEAKING_NOUNS = frozenset({
    "explanation", "statement", "response", "reply", "answer", "position", "notice", "note",
    "message", "announcement", "comment", "comments", "blog", "post", "update", "guidance",
    "faq", "advice", "verdict", "assessment", "diagnosis", "theory", "claim", "reasoning",
    "email", "letter", "tweet", "thread", "notification", "memo",
})

#: Verbs by which findings speak: "CrowdTangle's data show", "The Post found that".
FINDING_VERBS = frozenset({"find", "show", "suggest", "indicate", "reveal", "put", "estimate", "count", "tally"})

#: Nouns of findings whose owner speaks: "a Washington Post analysis found ...".
FINDING_NOUNS = frozenset({
    "analysis", "report", "study", "survey", "review", "audit", "research", "data", "datum",
    "tally", "figures", "figure", "count", "numbers", "estimate", "estimates", "tracking",
})

#: Person-describing nouns that can stand for an earlier-named person ("the actor said").
PERSON_TITLES = frozenset({
    "actor", "actress", "author", "singer", "rapper", "star", "celebrity", "politician",
    "senator", "congressman", "congresswoman", "lawmaker", "minister", "mp", "commentator",
    "pundit", "host", "influencer", "creator", "youtuber", "streamer", "journalist",
    "activist", "organizer", "organiser", "strategist", "footballer", "player", "athlete",
    "musician", "comedian", "writer", "filmmaker", "director", "entrepreneur", "founder",
    "personality", "blogger", "podcaster", "vlogger", "artist", "model", "leader",
    "president", "candidate", "billionaire", "businessman", "businesswoman", "economist",
    "researcher", "expert", "analyst", "professor", "scientist", "chef", "gamer",
    "veteran", "icon", "superstar", "megastar", "legend", "reporter", "anchor", "editor",
    "publisher", "marketer", "consultant",
})

# --------------------------------------------------------------------------- words the attribution rules test in place

#: Month names and abbreviations in an embedded post's signature, as a regex alternation.
MONTHS_PATTERN = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
#: First- and second-person words: a post speaks in them, narrative does not (a regex).
FIRST_SECOND_PERSON_PATTERN = (
    r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|we|we're|we've|our|us|you|you're|your)\b|\bI[’']"
)
#: Words by which narrative reports speech ("said", "according to"), as a regex.
SPEECH_WORD_PATTERN = (
    r"\b(?:said|says|wrote|writes|tweeted|told|according to|stated|reported|reportedly|"
    r"claimed|added|explained|speculated|argued|posted|saying|weighed\s+in|responded|replied|stated|noted)\b"
)
#: Words before a display name that are no part of it ("Singer Ama Osei", "Veteran actor Rohan Vyas").
NAME_PREFIXES = PERSON_TITLES | {
    "veteran", "senior", "former", "popular", "famous", "prominent", "conservative", "liberal",
    "activist", "comedian", "animator", "pro-trump", "bollywood", "hollywood", "rapper", "dr",
    "mr", "mrs", "ms", "sir", "dame",
}
#: Pronouns resolved to the last person named, and to the last chatbot or platform named.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "its"})
#: Relative pronouns a speech verb's subject stands for a noun by ("the report, which said").
RELATIVE_SUBJECTS = frozenset({"which", "who", "that"})
#: Verb lemmas that are speech even when the tagger takes them for nouns ("Kher tweet ...").
POSTING_LEMMAS = frozenset({"write", "tweet", "post"})
#: First- and second-person subjects: the reporter or the reader, never an attributed speaker.
FIRST_SECOND_SUBJECTS = frozenset({"i", "we", "you", "me", "us"})
#: Prepositions whose object speaks through a speaking noun ("a statement from Twitter").
SPEAKER_PREPOSITIONS = frozenset({"from", "by", "of"})

# --------------------------------------------------------------------------- reported speech in news

#: Objects of "according to" that name no speaker ("according to reports"): the
#: figure stays the reporter's.
NO_SOURCE_OBJECTS = frozenset({
    "reports", "report", "sources", "source", "estimates", "media", "rumours", "rumors",
    "accounts", "insiders", "observers", "some", "many", "others", "experts", "analysts",
})
#: Nouns of a published text that can carry speech through a participle ("a statement
#: saying", "a blog post explaining"): the one who issued it speaks.
ISSUED_NOUNS = frozenset({
    "statement", "post", "blog", "letter", "message", "note", "notice", "email", "tweet",
    "announcement", "update", "memo", "notification", "release", "thread", "video",
})
#: Verbs by which a speaker issues such a text ("released a statement saying").
ISSUING_VERBS = frozenset({"release", "issue", "publish", "post", "put", "send", "share", "write", "tweet", "give", "make"})
#: The participles of speech such a text carries.
CARRYING_SPEECH = frozenset({"say", "explain", "state", "announce", "confirm", "warn", "tell", "note", "clarify", "claim", "deny", "add"})
#: Adjectives by which a subject speaks about something ("has been vocal about his commitment to ...").
SPEAKING_ADJECTIVES = frozenset({"vocal", "outspoken", "open", "candid", "clear", "explicit", "emphatic"})
#: Readers a published text is addressed to: "a letter to users said ..." is the platform's.
ADDRESSEES = frozenset({
    "users", "creators", "members", "advertisers", "customers", "subscribers", "partners",
    "developers", "publishers", "account holders", "its users", "the community",
})
#: Free-relative words: "doing what they had promised to do" reports no speech.
FREE_RELATIVES = frozenset({"what", "whatever"})
#: Titles that end a description standing for a person ("the Tesla and SpaceX CEO").
DESCRIPTION_TITLES = frozenset({"ceo", "boss", "chief", "owner", "founder", "co-founder", "chairman", "head"})
#: First-person plural words: a platform's block-quoted text speaks in them.
WE_PATTERN = r"\b(?:we|we've|we’ve|we're|we’re|we'll|we’ll|our|us)\b"
#: What a platform's own voice talks about in the first person plural ("our systems",
#: "we lock accounts"): a narrative paragraph that does is the platform's, not the reporter's.
PLATFORM_WE_PATTERN = (
    r"\bour\s+(?:platform|systems?|technology|tools|rules|policies|policy|service|community|"
    r"terms|guidelines|work|teams?|users|site|app|enforcement)\b"
    r"|\bwe(?:'ve|’ve|'ll|’ll|'re|’re)?\s+(?:have\s+|will\s+|may\s+|also\s+|now\s+|regularly\s+|then\s+)?"
    r"(?:lock|locked|locking|remove|removed|removing|suspend|suspended|detect|detected|"
    r"verify|challenge|challenged|delete|deleted|take\s+down|took\s+down|ban|banned|"
    r"identify|identified|cannot\s+confirm|can't\s+confirm|can’t\s+confirm)\b"
)
#: Head nouns of a definite description that stands for the document's platform
#: ("the Facebook-owned site", "the social media company", "this company", "the app").
PLATFORM_NOMINAL_HEADS = frozenset({
    "company", "site", "platform", "app", "service", "network", "firm", "giant", "website",
    "powerhouse", "microblogging", "micro-blogging", "business",
})
#: Modifiers that make such a description someone else ("the analytics firm", "a PR company").
THIRD_PARTY_NOMINAL_MODIFIERS = frozenset({
    "analytics", "analysis", "research", "marketing", "consulting", "consultancy", "security",
    "cybersecurity", "data", "tracking", "pr", "law", "advocacy", "news", "media-monitoring",
    "monitoring", "fact-checking", "ad", "advertising", "agency", "rival", "parent", "other",
    "another", "third-party", "polling", "software", "startup",
})
#: Determiners of a definite description.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
#: First-person singular words: a paragraph in them is the writer's own, not a quoted platform text.
SINGULAR_FIRST_PERSON_PATTERN = r"\b(?:I|I'm|I’m|I've|I’ve|I'd|me|my|mine)\b"
#: Demonstratives by which the reporter points at a text it describes ("This lighthearted response").
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})

# --------------------------------------------------------------------------- words that tie a speaker to a platform

# Regex alternations (no enclosing group) of `claimkit.platforms.Platforms` and
# `claimkit.attribute.resolve`, matched case-insensitively or on lower-cased names.

#: Participles after a name and a hyphen that make it a platform's owner
#: ("the Musk-owned site", "Elon Musk-run social media platform").
RUN_BY_PATTERN = r"run|owned|led|controlled"
#: Determiners opening an apposition after a name (", the head of safety at Twitter").
APPOSITION_DETERMINERS_PATTERN = r"the|a|an"
#: Prepositions between a title and its platform (", head of safety at Twitter", ", a spokesperson for X").
TITLE_PREPOSITIONS_PATTERN = r"at|of|for|with"
#: Verbs by which a person runs a platform (", who owns the company", ", who co-founded Instagram").
RUNNING_VERBS_PATTERN = r"owns|runs|leads|heads|co-founded|founded"
#: Prepositions between a voice word and its platform ("a spokesperson for Twitter").
VOICE_PREPOSITIONS_PATTERN = r"for|at|of|from"
#: Determiners left off a platform nominal before it is looked up ("the company", "its app").
NOMINAL_DETERMINERS_PATTERN = r"the|an?|its|their"
