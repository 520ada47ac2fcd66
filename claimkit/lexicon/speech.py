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
