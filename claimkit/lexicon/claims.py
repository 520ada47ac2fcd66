"""Words that make a number a follower claim (data for claim extraction).

Every list is lower case. Verbs are lemmas (spaCy's `lemma_`), nouns are
listed in the forms that occur (singular and plural).
"""

from __future__ import annotations

import re

from claimkit.lexicon.speech import PERSON_TITLES, THING_PRONOUNS  # noqa: F401 - THING_PRONOUNS re-exported

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
    "list",
})

LOSS_VERBS = frozenset({
    "lose", "shed", "drop", "bleed", "haemorrhage", "hemorrhage", "forfeit", "miss",
    "vanish", "disappear", "evaporate", "wipe", "strip", "slash", "cut", "knock", "shave",
    "plunge", "plummet", "fall", "decline", "decrease", "shrink", "sink", "dip", "tumble",
    "crash", "go", "purge", "remove", "delete", "take", "erase", "scrub", "slide", "slip",
    "dwindle", "nosedive", "unfollow", "cost",
})
#: Loss verbs whose indirect object owns the followers ("the purge cost Selena Gomez 1 million followers").
DATIVE_LOSS_VERBS = frozenset({"cost"})
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
#: Return verbs whose subject is the followers, never their owner ("300 came back").
INTRANSITIVE_RETURNS = frozenset({"come", "return", "reappear", "trickle", "flood"})
#: Words that tie people leaving to a follower list ("vanished from my follower list").
FOLLOW_WORDS = frozenset({"follower", "followers", "follow", "unfollow", "unfollowed", "subscribers"})
#: Adverbs that make "be" a return ("300 are already back").
RETURN_ADVERBS = frozenset({"back"})
#: Comparatives after a number that make it a loss ("80,000 fewer", "640 followers lighter", "900 down").
LOSS_COMPARATIVES = frozenset({"fewer", "less", "lower", "lighter", "down", "poorer", "smaller"})
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
COMPARISON_PHRASES = ("compares with", "compared with", "compares to", "compared to", "comparison with")
#: Words that join the items of a gapped list ("Shakira gave up 6.8m, Katy Perry 5.6m and Lady Gaga 5.4m").
GAP_SEPARATORS = frozenset({",", ";", "and", "while", "whereas", "but", "with"})

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

#: A document that speaks of follower counts (or of the purges that move them):
#: there a bare "lost 400" or "I'm 260 down" is about followers.
FOLLOWER_CONTEXT_PATTERN = (
    r"follow|subscri|\bfans?\b|\blikes\b|\bpurge|\bbots?\b|(?:fake|spam|inactive|dormant|locked)\s+accounts"
)

#: Words right after a number that make it a time, a rate or a rank, never an amount.
TIME_UNITS = frozenset({
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours",
    "hr", "hrs", "day", "days", "week", "weeks", "month", "months", "year", "years", "pm",
    "am", "percent", "per", "%", "times", "x", "points", "stars", "quarter", "quarters",
    "decades", "decade", "th", "st", "nd", "rd",
})
MONTH_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
})
#: Words right before a number that make it a rank, a version or a label ("No. 1", "iOS 17").
NUMBER_LABELS = frozenset({"no", "number", "top", "rank", "ranked", "q", "h", "version", "ios", "android"})
#: Nouns of time that follow a bare number ("lost 300 this morning"), never what it counts.
TIME_NOUNS = frozenset({
    "morning", "afternoon", "evening", "night", "overnight", "today", "yesterday", "tonight",
    "week", "weekend", "month", "year", "day", "hour", "minute", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
})
#: Words between a number and the noun it counts ("80,000 fewer Twitter followers",
#: "3,000 of his real followers", "1,000 lost subs").
NOUN_MODIFIERS = frozenset({
    "more", "fewer", "less", "of", "his", "her", "their", "its", "my", "our", "your", "the",
    "new", "real", "fake", "active", "genuine", "loyal", "additional", "extra", "own",
    "'s", "’s", "'", "twitter", "x", "instagram", "youtube", "facebook", "tiktok", "threads",
    "insta", "ig", "total", "net", "page", "channel", "account", "suspected", "spam", "bot",
    "inactive", "dormant", "suspicious", "automated", "locked", "inauthentic", "spammy",
    "fraudulent", "questionable", "-", "–", "+", "or", "so", "odd", "just", "about", "lost",
    "missing", "vanished", "deleted", "removed", "purged", "ghost", "bought", "paid",
})
#: Nouns whose possessor or "of" object owns the followers ("Obama's account", "the count of X").
OWNED_NOUNS = frozenset({
    "account", "accounts", "page", "channel", "handle", "profile", "count", "tally", "followers",
    "following", "number", "list", "base", "subscribers", "likes", "fans", "subs",
})
#: Pronouns for the speaker (a first-person claim's subject) and for someone named before.
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "mine", "myself", "ourselves"})
THIRD_PERSON = frozenset({"he", "she", "him", "her", "his", "hers", "it", "its"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whose"})
#: Pronouns that never name a subject.
OTHER_PRONOUNS = frozenset({"they", "them", "their", "theirs", "you", "your", "yours", "this", "these", "those", "what"})
#: Words that spread one amount over conjoined subjects ("Warren and Sanders each lost 100,000").
DISTRIBUTIVES = frozenset({"each", "both", "apiece"})
#: Verbs whose "up"/"down" particle is not a change in the count ("gave up", "took down").
PHRASAL_UP = frozenset({"give", "free", "use", "sign", "open", "end", "wind", "set", "clean", "clear", "buy", "snap", "rack"})
PHRASAL_DOWN = REMOVE_VERBS | frozenset({"shut", "bring", "close", "take", "cut", "crack", "step", "track", "narrow", "write"})
#: Lemmas the lemmatizer gets wrong ("unfollowed" → "unfollowe").
LEMMA_FIXES: dict[str, str] = {"unfollowed": "unfollow", "unfollows": "unfollow", "unfollowing": "unfollow", "unfollow": "unfollow"}
#: "dropped below 100 million", "climbed past 5,000": a count crossing a mark is a total.
THRESHOLD_WORDS = frozenset({"below", "under", "above", "past", "beyond"})
MOVE_VERBS = frozenset({
    "drop", "fall", "decline", "dip", "plunge", "plummet", "sink", "tumble", "shrink", "slide",
    "slip", "dwindle", "decrease", "crash", "nosedive", "rise", "climb", "jump", "rebound",
    "bounce", "creep", "tick", "swell", "increase", "grow", "go", "move", "push", "pass",
})
#: Verb forms whose "up" is a particle, so that "up to N" is no qualifier ("woke up to 12,000 fewer").
PARTICLE_UP_VERBS = frozenset({
    "wake", "wakes", "woke", "woken", "waking", "sign", "signed", "end", "ended", "add", "added",
    "adds", "go", "went", "goes", "shot", "climbed", "jumped", "crept", "moved", "ticked",
    "bounced", "came", "come", "comes", "back", "opened", "looked", "showed", "turned",
})
#: Lower-case words inside names ("Facebook for Every Phone", "Bank of America").
NAME_CONNECTORS = frozenset({"of", "for", "the", "and", "de", "da", "van", "von", "del", "la", "le", "bin", "al"})
#: Titles before a name that are not part of it ("Sen. Elizabeth Warren", "Campaigner Leo Grant").
NAME_TITLES = PERSON_TITLES | frozenset({
    "sen", "senator", "rep", "representative", "gov", "governor", "mr", "mrs", "ms", "dr", "prof",
    "campaigner", "animator", "comedian", "rapper", "singer", "actress", "pop", "star", "youtuber",
    "commentator", "activist", "chef", "veteran", "television", "tv", "radio", "former",
})

# --------------------------------------------------------------------------- words the rules test in place

#: Entity labels that name an account holder.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"})
#: Nouns a claim counts, whatever the tagger made of them ("spam accounts" tagged as a verb).
COUNTED_NOUNS = FOLLOWER_NOUNS | ACCOUNT_NOUNS | PEOPLE_NOUNS
#: Verbs that change a count (what a number's governing verb should be).
CHANGE_VERBS = LOSS_VERBS | GAIN_VERBS | REMOVE_VERBS | BARE_LOSS_VERBS | BARE_GAIN_VERBS
#: Nouns that stand for the document's platform as a claim's subject ("the company removed ...").
PLATFORM_NOUNS = frozenset({"company", "platform", "site", "network", "service"})
#: Pronouns for a person as a verb's subject ("he removed 5k followers from my account").
PERSON_SUBJECTS = frozenset({"he", "she"})
#: Pronouns a platform removes accounts as ("it removed more than 3 billion").
REMOVER_PRONOUNS = frozenset({"it", "we", "they"})
#: First-person contractions the tokenizer keeps whole ("I've lost 800").
FIRST_PERSON_CONTRACTIONS = frozenset({"i've", "i’m", "i'm", "i’ve"})
#: Compound nouns over an owner's possessive ("Kim's follower count").
FOLLOWER_COMPOUNDS = frozenset({"follower", "subscriber", "fan"})
#: Connectors after a name that the parser hangs on it ("Facebook for Every Phone").
NAME_TAIL_CONNECTORS = frozenset({"for", "of"})
#: Words before a name that start a coordinated clause ("..., and Katy Perry dropped by 3 million").
CLAUSE_STARTERS = frozenset({"and", ",", "while", "but"})
#: Particles that make a count change with a name before them ("put Justin Bieber down 20 million").
CHANGE_PARTICLES = frozenset({"down", "up"})
#: Prepositions whose object owns a noun's followers ("the followers of X", "from my account").
OWNER_PREPOSITIONS = frozenset({"of", "from", "off"})
#: Prepositions whose object followers were taken from ("wiped 5.8k followers off my account").
SOURCE_PREPOSITIONS = frozenset({"from", "off"})
#: Prepositions whose object owns the followers a verb changes ("cost ... for X", "from X").
VERB_OWNER_PREPOSITIONS = frozenset({"from", "off", "for", "of"})
#: Prepositions over the plural accounts followers left ("vanished from accounts belonging to
#: dozens of users", "across hundreds of profiles"): many holders, none of them the speaker.
LEFT_FROM_PREPOSITIONS = frozenset({"from", "off", "across"})
#: Words that close a list of names ("A, B and others lost ...").
LIST_ENDERS = frozenset({"others", "more", "many"})
#: Verbs that with "back" bring followers back ("300 are back", "bounced back").
BACK_VERBS = frozenset({"be", "bounce", "flood", "trickle"})
#: Verbs over "N more/new followers" that make a gain ("has 300 new followers").
HAVING_VERBS = frozenset({"have", "get"})
#: Words between a threshold word and the number ("dropped below just 100 million").
THRESHOLD_FILLERS = frozenset({"just", "well", "back"})
#: Words that join the bounds of a range ("8 to 10 million"; "and" after "between").
RANGE_SEPARATORS = frozenset({"to", "-", "–", "or"})
#: Words that end a gapped item's name and show it is no list item ("by 500", "lost 40").
GAP_STOPS = frozenset({"by", "lost", "at"})
#: Total verbs that also state a change over a follower noun ("the purge hit 3,000 followers").
CHANGE_TOTAL_VERBS = frozenset({"hit"})
#: Words that make "to" no total ("close to 80,000", "goodbye to 48 followers").
NOT_TOTAL_BEFORE_TO = ("close", "up", "next", "goodbye", "farewell", "bye")
#: Qualifier phrases left out of `QUALIFIER_PATTERN`, and words added to it.
QUALIFIER_PATTERN_EXCLUDED = frozenset({"~", "reportedly"})
QUALIFIER_PATTERN_EXTRA = frozenset({"just", "only"})
#: Any qualifier phrase, as a regex (for "down by about 500", "from roughly 145m").
QUALIFIER_PATTERN = "(?:" + "|".join(
    re.escape(phrase).replace(r"\ ", r"\s+")
    for phrase in sorted({*QUALIFIER_PHRASES, *QUALIFIER_PATTERN_EXTRA} - QUALIFIER_PATTERN_EXCLUDED, key=len, reverse=True)
    if phrase[0].isalpha()
) + ")"

# Regex fragments (lower-case text, matched right before or after a number).

#: After a number: a percentage, an ordinal or a fraction ("40%", "3rd", "1/2").
PERCENT_AFTER_PATTERN = r"\s*(?:%|percent|per\s*cent|pc\b|st\b|nd\b|rd\b|th\b|/)"
#: Before or after a number: money ("$3 million", "Rs 500", "3 million dollars").
MONEY_BEFORE_PATTERN = r"[$£€¥₹]\s*$|\b(?:usd|dollars?|rs\.?|inr|eur|gbp)\s*$"
MONEY_AFTER_PATTERN = r"\s*(?:dollars|usd|euros|pounds|rupees|bucks)"
#: After a year-like number: the words that make it a count after all ("2018 new followers").
YEAR_COUNT_AFTER_PATTERN = r"\s*(?:more|fewer|new|of|\w+\s+)?(?:followers|subscribers|fans|accounts|bots)"
#: Scale words of a spelled "one" that is an amount ("one million").
SPELLED_SCALE_PATTERN = r"\s*(?:million|thousand|billion)"
#: Scale suffixes of a written amount ("145m", "1.2 bn").
SCALE_PATTERN = r"(?:k|m|mn|million|thousand|bn|billion)"
#: Possessives before a total ("of his 100M followers").
POSSESSIVE_PATTERN = r"(?:his|her|its|their|my|our|your|the)"
#: Follower words after a total ("N of his M followers").
TOTAL_NOUN_PATTERN = r"(?:followers|subscribers|fans|likes)"
#: Follower words between a number and a comparative ("640 followers lighter").
COMPARATIVE_NOUN_PATTERN = r"(?:followers|subscribers|subs|fans|likes)"
#: Follower words between a number and a change word ("300 followers fewer").
CHANGE_NOUN_PATTERN = r"(?:followers|subscribers)"
#: Prepositions between a change word and the number ("a drop of 3,000", "put the loss at
#: 2.5 million", "fell by 2,000"), as a regex alternation.
CHANGE_PREPOSITIONS_PATTERN = r"of|at|by"
#: What ends a range opened by "from" ("from 6.2 million to ...", "down to", "up to").
RANGE_CLOSERS_PATTERN = r"to|down\s+to|up\s+to"
#: Qualifiers after the gap between two figures listed for two subjects ("2,000 and about 1,000").
RESPECTIVE_QUALIFIERS_PATTERN = r"about|around|over|nearly|roughly|almost|some"
#: Change words after a number that make it no total ("80,000 fewer", "300 up").
CHANGE_AFTER_PATTERN = r"(?:fewer|more|less|lighter|down|lower|short|up)"
#: Words after a number that make its followers new ("300 more", "2,000 new").
MORE_AFTER_PATTERN = r"(?:more|new|additional|extra)"
#: Words that may follow a gapped list item ("Katy Perry 5,632,634 and ...", "... 5,632,634 followers").
GAP_FOLLOWERS_PATTERN = r"(?:and|while|but|on|in|over|during|after|before|according|followers|subscribers|fans|likes)"
#: In a parenthesis after a number, or in its sentence: a loss or a gain ("Justin Bieber (20M loss)").
PAREN_LOSS_PATTERN = r"loss|lost|drop|down|fewer|-"
PAREN_GAIN_PATTERN = r"gain|up|\+"
SENTENCE_LOSS_PATTERN = r"\b(?:drops?|loss|lost|losses|declines?|losing|fell|falls?|down)\b"

# --------------------------------------------------------------------------- list lines (claims.lists)

#: Heading words that make a list a list of losses or of gains ("the biggest losers").
LIST_LOSS_WORDS = frozenset({"losers", "loser", "lost", "losing", "down", "fled", "dropped", "hit", "hardest"})
LIST_GAIN_WORDS = frozenset({"winners", "winner", "gainers", "gained", "gaining", "up"})
#: What may follow a list line's figure before its parenthetical ("followers", "page likes lost").
LIST_TRAILER_PATTERN = (
    r"(?:new\s+|page\s+)?(?:followers?|subscribers?|subs|fans|likes|page\s+likes)(?:\s+(?:lost|gained|down|up))?"
)
#: Words that may stand between a change verb and its number ("lost roughly 700,000").
RIGHT_BEFORE_WORDS = frozenset({
    "about", "around", "roughly", "approximately", "nearly", "almost", "over", "some", "just",
    "only", "more", "than", "at", "least", "close", "to", "upwards", "of", "a", "whopping", "well",
})
