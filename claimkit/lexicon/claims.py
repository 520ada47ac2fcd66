"""Words that make a number a follower claim (data for claim extraction).

Every list is lower case. Verbs are lemmas (spaCy's `lemma_`), nouns are
listed in the forms that occur (singular and plural).
"""

from __future__ import annotations

#: Nouns for a follower count ("followers", "subscribers", a Page's "fans"/"likes").
FOLLOWER_NOUNS = frozenset({
    "follower", "followers", "subscriber", "subscribers", "subs", "sub", "fan", "fans",
    "follows", "like", "likes", "page-likes", "fanbase", "audience", "followings",
})
#: Nouns that count a Page's or post's likes: followers only when a Page loses them,
#: never what a platform removes from posts ("removed 348.7 million likes").
LIKE_NOUNS = frozenset({"like", "likes", "page-likes"})
#: Nouns for accounts a platform acts on. Facebook Pages are not accounts: its
#: reports count "Pages" and "accounts" apart.
ACCOUNT_NOUNS = frozenset({
    "account", "accounts", "bot", "bots", "profile", "profiles", "handle", "handles",
    "user", "users", "channel", "channels", "spammer", "spammers", "fake", "fakes",
    "troll", "trolls",
})
#: Nouns for people who can leave a follower list ("900000 people have vanished from my follower list").
PEOPLE_NOUNS = frozenset({"people", "persons", "users", "accounts", "followers", "fans", "folks", "subscribers"})
#: Pronouns that stand for followers named before ("1,200 of them had come back").
FOLLOWER_PRONOUNS = frozenset({"them", "those", "these"})
#: Nouns that name the count itself ("follower count dropped by 3,000", "the number had dropped").
COUNT_NOUNS = frozenset({
    "count", "counts", "tally", "tallies", "number", "numbers", "total", "following", "base",
    "list", "numbers",
})

LOSS_VERBS = frozenset({
    "lose", "shed", "drop", "bleed", "haemorrhage", "hemorrhage", "forfeit", "miss",
    "vanish", "disappear", "evaporate", "wipe", "strip", "slash", "cut", "knock", "shave",
    "plunge", "plummet", "fall", "decline", "decrease", "shrink", "sink", "dip", "tumble",
    "crash", "go", "purge", "remove", "delete", "take", "erase", "scrub", "slide", "slip",
    "dwindle", "nosedive", "unfollow",
})
#: Verbs that keep their object removed from the owner, not taken by a platform
#: ("removed", "took" are both: see `REMOVE_VERBS`).
TAKING_VERBS = frozenset({"remove", "delete", "purge", "take", "erase", "scrub", "wipe", "cut", "strip", "slash"})
GAIN_VERBS = frozenset({
    "gain", "regain", "recover", "add", "win", "restore", "return", "rebound", "grow",
    "rise", "increase", "jump", "climb", "get", "pick", "come", "bounce", "buy", "purchase",
    "reinstate", "recoup", "claw", "earn", "attract", "reappear", "creep", "tick", "swell",
})
#: Loss verbs that take a bare number ("Shakira gave up 6,855,640", "she had lost 400").
BARE_LOSS_VERBS = frozenset({
    "lose", "shed", "bleed", "haemorrhage", "hemorrhage", "forfeit", "drop", "fall", "decline",
    "dip", "plunge", "plummet", "sink", "tumble", "shrink", "slide", "slip", "dwindle", "give",
    "decrease", "crash", "nosedive",
})
#: Gain verbs that take a bare number ("PewDiePie added 145,000").
BARE_GAIN_VERBS = frozenset({
    "gain", "regain", "recover", "add", "win", "pick", "claw", "recoup", "earn", "grow",
    "rise", "climb", "jump", "rebound", "bounce", "creep", "tick", "swell", "increase",
})
#: Verbs whose subject is the followers leaving ("300 followers vanished", "80,000 people unfollowed him").
LEAVE_VERBS = frozenset({
    "vanish", "disappear", "evaporate", "go", "leave", "unfollow", "drop", "fall", "walk",
    "desert", "abandon", "quit", "flee", "melt", "defect", "die",
})
#: Verbs whose subject is the followers coming back ("1,200 of them had come back", "300 are back").
RETURN_VERBS = frozenset({"return", "come", "reappear", "recover", "bounce", "trickle", "flood", "rejoin", "reinstate", "restore"})
#: Adverbs that make "be" a return ("300 are already back").
RETURN_ADVERBS = frozenset({"back"})
#: Comparatives after a number that make it a loss ("80,000 fewer", "640 followers lighter", "900 down").
LOSS_COMPARATIVES = frozenset({"fewer", "less", "lower", "lighter", "down", "short", "poorer", "smaller"})
#: Comparatives after a number that make it a gain ("300 up on the week").
GAIN_COMPARATIVES = frozenset({"up", "higher", "heavier", "richer", "bigger"})
#: Nouns of leave-taking: "said goodbye to 48 followers", "tweeted a farewell to 3k subscribers".
FAREWELL_NOUNS = frozenset({"goodbye", "goodbyes", "farewell", "farewells", "bye", "adieu", "adios"})
#: Verbs a platform does to accounts (accounts_removed).
REMOVE_VERBS = frozenset({
    "remove", "delete", "suspend", "purge", "ban", "take", "eliminate", "wipe", "lock",
    "disable", "terminate", "close", "challenge", "action", "shut", "clear", "erase",
    "scrub", "block", "kill", "axe", "cull", "flag", "catch", "detect", "prevent", "stop",
    "deactivate", "freeze", "restrict", "nuke", "zap", "cut", "sweep", "weed",
})
#: Nouns for a change in the count ("a 20M loss", "a drop of 3,000").
LOSS_NOUNS = frozenset({
    "loss", "losses", "drop", "drops", "decline", "declines", "dip", "dips", "fall", "falls",
    "plunge", "decrease", "hit", "exodus", "reduction", "cut", "slump", "plummet", "nosedive",
    "slide", "shortfall", "haircut",
})
GAIN_NOUNS = frozenset({"gain", "gains", "increase", "jump", "rise", "boost", "bump", "spike", "rebound", "recovery", "uptick"})
REMOVAL_NOUNS = frozenset({"removal", "removals", "deletion", "deletions", "purge", "takedown", "takedowns", "suspension", "suspensions", "crackdown", "cull", "ban", "bans"})

#: Verbs and words that make a number a total, not a change ("has 53.4 million followers").
TOTAL_VERBS = frozenset({"have", "boast", "reach", "hit", "pass", "cross", "surpass", "top", "amass", "accumulate", "count", "near", "approach", "celebrate", "hold", "sit", "stand", "be", "become", "exceed"})

#: Words that compare a number with an earlier claim of the same kind
#: ("That compares with 1.2 billion in the fourth quarter").
COMPARISON_PHRASES = ("compares with", "compared with", "compares to", "compared to", "comparison with", "up from", "down from")

#: Nouns that stand for a named subject mentioned before ("the actor", "the label").
SUBJECT_ANAPHORS = frozenset({
    "actor", "actress", "singer", "star", "rapper", "label", "band", "brand", "channel",
    "creator", "youtuber", "streamer", "influencer", "comedian", "host", "politician",
    "senator", "journalist", "commentator", "activist", "artist", "musician", "athlete",
    "footballer", "player", "celebrity", "personality", "blogger", "podcaster", "outlet",
    "magazine", "newspaper", "broadcaster", "network", "studio", "publisher", "club", "team",
    "group", "user", "president", "billionaire", "entrepreneur", "writer", "author",
})
#: Of those, the ones that stand for a person (falling back to the last person named).
PERSON_ANAPHORS = frozenset({
    "actor", "actress", "singer", "star", "rapper", "creator", "youtuber", "streamer",
    "influencer", "comedian", "host", "politician", "senator", "journalist", "commentator",
    "activist", "artist", "musician", "athlete", "footballer", "player", "celebrity",
    "personality", "blogger", "podcaster", "president", "billionaire", "entrepreneur",
    "writer", "author",
})

#: Qualifier phrases (lower case), checked right before the number, longest first.
QUALIFIER_PHRASES: dict[str, str] = {
    "more than": "over", "over": "over", "at least": "over", "upwards of": "over",
    "upward of": "over", "north of": "over", "in excess of": "over", "above": "over",
    "well over": "over", "just over": "over", "no fewer than": "over", "no less than": "over",
    "a little over": "over", "a bit over": "over", "well above": "over", "better than": "over",
    "close to": "under", "almost": "under", "nearly": "under", "up to": "under",
    "fewer than": "under", "less than": "under", "under": "under", "just under": "under",
    "just shy of": "under", "shy of": "under", "short of": "under", "not quite": "under",
    "as many as": "under", "nigh on": "under", "closer to": "under", "just below": "under",
    "below": "under", "approaching": "under", "not far off": "under", "not far short of": "under",
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "approx.": "approx",
    "approx": "approx", "~": "approx", "circa": "approx", "reportedly": "approx",
    "an approximate": "approx", "or so": "approx", "give or take": "approx",
    "in the region of": "approx", "something like": "approx", "somewhere around": "approx",
    "an approximately": "approx", "somewhere near": "approx", "c.": "approx", "ca.": "approx",
    "round about": "approx", "more or less": "approx", "about a": "approx",
}
#: Words after the number that qualify it ("10,000+", "2 million or so").
QUALIFIER_AFTER: dict[str, str] = {
    "+": "over", "plus": "over", "or more": "over", "and more": "over", "and counting": "over",
    "or so": "approx", "ish": "approx", "-ish": "approx", "odd": "approx", "or thereabouts": "approx",
    "or fewer": "under", "or less": "under", "at most": "under",
}
