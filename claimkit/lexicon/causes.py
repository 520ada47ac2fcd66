"""Word lists of the cause detector's context checks (`claimkit.causes.CONTEXT_CHECKS`).

The taxonomy itself (labels, descriptions, cue patterns, flags, NLI
templates) is data in `claimkit/data/taxonomy.json` (see
`claimkit.taxonomy`). This module holds the words the few cues that need
context look for in the sentence; the `*_WORDS` entries are regular
expressions (matched case-insensitively), compiled by the cue matcher that
an `Analyzer` builds once.
"""

from __future__ import annotations

#: "conservative commentators", "liberal outlet": a group word that names a
#: kind of person or outlet, not the group targeted.
PERSON_TITLE_NOUNS: frozenset[str] = frozenset({
    "commentator", "commentators", "pundit", "pundits", "activist", "activists", "host",
    "hosts", "strategist", "personality", "personalities", "figure", "figures", "writer",
    "author", "influencer", "influencers", "politician", "politicians", "leader", "leaders",
    "journalist", "journalists", "organizer", "organiser", "columnist", "group", "groups",
    "outlet", "outlets", "site", "magazine", "lawmaker", "lawmakers", "senator", "party",
    "candidate", "mp", "mps", "spokesperson", "voter", "voters", "podcaster", "youtuber",
})
#: Words right after "lock" that make it another lock ("locked in", "lock step").
NOT_ACCOUNT_LOCK_AFTER: frozenset[str] = frozenset({"in", "horns", "down", "step"})

#: A group word (group_context) counts when the sentence speaks of targeting it.
TARGETING_WORDS = (
    r"purg|target|only|happening|affect|los[te]|losing|follower|delet|remov|lock|single[d]? out|"
    r"attack|war\b|bias|unfair|\bhit\b|silenc|censor|suppress|shadow|ban|punish|hit hardest|hardest hit|"
    r"disproportionat|singled|victim|persecut|discriminat|crackdown|disappear|vanish|drop"
)
#: "broken" (app_context) speaks of a glitch when the sentence names the app or the count.
APP_WORDS = (
    r"\b(?:app|apps|site|platform|counter|count|counts|feature|twitter|instagram|youtube|facebook|tiktok|"
    r"x|system|website|numbers?|tally)\b"
)
#: "neutral", "singled out" (politics_context) need politics in the sentence.
POLITICS_WORDS = r"politic|viewpoint|bias|conservative|liberal|partisan|ideolog|left|right"
#: "locked" (lock_context) needs accounts or people in the sentence.
ACCOUNT_WORDS = (
    r"\b(?:accounts?|profiles?|users?|out|phone|password|followers?|handles?|owners?|people|members?|"
    r"you|they|i|we|him|her|them|me|us)\b"
)
#: "not real" (followers_context) says bots when the sentence is about followers.
FOLLOWERS_WORDS = r"follow|fans|accounts|people|users|subscribers"
#: "third-party apps" (boost_context) say bots when the sentence is about boosting counts.
BOOST_WORDS = r"boost|grow|inflat|fake|likes|follow"
#: "politics" (targeting_context) and "conspiracy" count where the sentence speaks of targeting.
#: (The TARGETING_WORDS above serve.)
#: "platform_context": the sentence is about a platform, its accounts or its moderation
#: ("reporting without bias" in a donation appeal is not).
PLATFORM_CONTEXT_WORDS = (
    r"purg|follower|account|platform|twitter|instagram|youtube|facebook|tiktok|site|app|users|"
    r"moderat|algorithm|suspen|remov|delet|tools|enforcement|policy|policies|rules"
)
#: "count_context": the sentence is about a count and its changes ("the counts were
#: rolled back", "the drop is organic"); a feature rolled back is not a glitch.
COUNT_CONTEXT_WORDS = (
    r"follower|count|number|tally|subscriber|fluctuat|drop|decline|loss|losses|lost|growth|"
    r"glitch|bug|error|fix|likes|fans"
)
#: "no_bot_context": a deliberate removal is political only where no bots, spam or fakes
#: are named as what is removed ("deliberately removing bots" is a purge).
BOT_CONTEXT_WORDS = r"bot|spam|fake|automat|inauthentic|troll|scam"
#: "leaver_subject": the people of a "people leaving" cue are the ones who leave: subjects
#: of the verb, or nouns the verb modifies ("fans leaving in droves").
LEAVER_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "csubj"})
LEAVER_VERB_DEPS: frozenset[str] = frozenset({"acl", "relcl"})
#: "rollback_object": what is rolled back is a count or a change to it ("the change to
#: follower counts was rolled back"), not a feature ("the blue tick would be rolled back").
ROLLBACK_OBJECT_WORDS = (
    r"\b(?:counts?|numbers?|tally|tallies|followers?|subscribers?|changes?|updates?|purges?|removals?|"
    r"glitch(?:es)?|bugs?|errors?|fix(?:es)?)\b"
)
