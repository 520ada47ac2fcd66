"""Words that make a number a follower claim (data for claim extraction)."""

from __future__ import annotations

#: Nouns for a follower count ("followers", "subscribers", a Page's "fans"/"likes").
FOLLOWER_NOUNS = frozenset({
    "follower", "followers", "subscriber", "subscribers", "subs", "fan", "fans",
    "follows", "like", "likes", "page-likes", "fanbase", "audience",
})
#: Nouns for accounts a platform acts on.
ACCOUNT_NOUNS = frozenset({
    "account", "accounts", "bot", "bots", "profile", "profiles", "handle", "handles",
    "user", "users", "channel", "channels", "page", "pages", "spammer", "spammers",
    "fake", "fakes",
})
#: Nouns that name the count itself ("follower count dropped by 3,000").
COUNT_NOUNS = frozenset({"count", "counts", "tally", "number", "numbers", "total", "following", "base"})

LOSS_VERBS = frozenset({
    "lose", "shed", "drop", "bleed", "haemorrhage", "hemorrhage", "forfeit", "miss",
    "vanish", "disappear", "evaporate", "wipe", "strip", "slash", "cut", "knock", "shave",
    "plunge", "plummet", "fall", "decline", "decrease", "shrink", "sink", "dip", "tumble",
    "crash", "go", "purge", "remove", "delete", "take", "erase", "scrub",
})
GAIN_VERBS = frozenset({
    "gain", "regain", "recover", "add", "win", "restore", "return", "rebound", "grow",
    "rise", "increase", "jump", "climb", "get", "pick", "come", "bounce", "buy", "purchase",
    "reinstate", "recoup", "claw", "earn", "attract",
})
#: Verbs a platform does to accounts (accounts_removed).
REMOVE_VERBS = frozenset({
    "remove", "delete", "suspend", "purge", "ban", "take", "eliminate", "wipe", "lock",
    "disable", "terminate", "close", "challenge", "action", "shut", "clear", "erase",
    "scrub", "block", "kill", "axe", "cull", "flag", "catch", "detect", "prevent", "stop",
    "deactivate", "freeze", "restrict", "nuke", "zap", "cut",
})
#: Nouns for a change in the count ("a 20M loss", "a drop of 3,000").
LOSS_NOUNS = frozenset({
    "loss", "losses", "drop", "drops", "decline", "declines", "dip", "fall", "plunge",
    "decrease", "hit", "exodus", "reduction", "cut", "slump", "plummet", "nosedive",
})
GAIN_NOUNS = frozenset({"gain", "gains", "increase", "jump", "rise", "boost", "bump", "spike", "rebound", "recovery"})
REMOVAL_NOUNS = frozenset({"removal", "removals", "deletion", "deletions", "purge", "takedown", "takedowns", "suspension", "suspensions", "crackdown", "cull", "ban", "bans"})

#: Verbs and words that make a number a total, not a change ("has 53.4 million followers").
TOTAL_VERBS = frozenset({"have", "boast", "reach", "hit", "pass", "cross", "surpass", "top", "amass", "accumulate", "count", "near", "approach", "celebrate", "hold", "sit", "stand", "be", "become", "exceed"})

#: Qualifier phrases (lower case), checked right before the number, longest first.
QUALIFIER_PHRASES: dict[str, str] = {
    "more than": "over", "over": "over", "at least": "over", "upwards of": "over",
    "upward of": "over", "north of": "over", "in excess of": "over", "above": "over",
    "well over": "over", "just over": "over", "no fewer than": "over", "no less than": "over",
    "close to": "under", "almost": "under", "nearly": "under", "up to": "under",
    "fewer than": "under", "less than": "under", "under": "under", "just under": "under",
    "just shy of": "under", "shy of": "under", "short of": "under", "not quite": "under",
    "as many as": "under", "nigh on": "under",
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "approx.": "approx",
    "approx": "approx", "~": "approx", "circa": "approx", "reportedly": "approx",
    "an approximate": "approx", "or so": "approx", "give or take": "approx",
    "in the region of": "approx", "something like": "approx", "somewhere around": "approx",
}
#: Words after the number that qualify it ("10,000+", "2 million or so").
QUALIFIER_AFTER: dict[str, str] = {"+": "over", "plus": "over", "or more": "over", "or so": "approx", "ish": "approx", "odd": "approx"}
