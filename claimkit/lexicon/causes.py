"""The cause taxonomy (SPEC section 3) as data: descriptions, templates and cues.

`DESCRIPTIONS` are the natural-language targets the learned and NLI backends
compare a statement against; `NLI_TEMPLATES` are the hypotheses per stance;
`CUES` are the token patterns the cause detector matches (spaCy `Matcher`
syntax over lower-case text and lemmas).
"""

from __future__ import annotations

from dataclasses import dataclass

#: cause -> a short description of the explanation, used as a stance target.
DESCRIPTIONS: dict[str, str] = {
    "bot_spam_purge": "the platform removed bots, spam, fake or automated accounts",
    "locked_accounts": "accounts were locked until their owners confirmed a phone number, email or password",
    "inactive_accounts": "inactive, dormant or deleted accounts stopped being counted",
    "political_bias": "the platform deliberately targeted a political group or viewpoint",
    "technical_glitch": "a bug or technical glitch in the app or in the counting",
    "genuine_unfollows": "real people chose to unfollow or leave",
}

#: stance -> hypothesis template; `{target}` is the cause description.
NLI_TEMPLATES: dict[str, str] = {
    "support": "The follower drop happened because {target}.",
    "deny": "It is not true that {target}.",
    "query": "The author asks whether {target}.",
}


# ---------------------------------------------------------------------------
# Cue patterns.
#
# Each cue is a phrase in a tiny pattern language over lower-cased tokens:
# words separated by spaces; `a|b|c` is any of those words; a trailing `?`
# makes a word optional; `*` is any one token (optional with `*?`); `~verb`
# matches the lemma. Flags:
#   own_negation  the cue carries its own negation ("not real people"): a
#                 negation inside it does not deny the cause;
#   deny          the cue itself rejects the cause ("apolitical");
#   weak          counts only when no other cause has a strong cue in the
#                 same sentence ("clean-up" says bots only when nothing else does);
#   needs         a context check the detector runs (see causes.CONTEXT_CHECKS);
#   not_before    words that, right after the match, undo it ("fake news").

ACCOUNTISH = "account|accounts|follower|followers|profile|profiles|fans|fan|likes|engagement|users|user|subscribers|subscriber|subscriptions|follows|handles|pages|activity|traffic|views|interactions|comments"
PEOPLE = "people|users|fans|fan|followers|follower|viewers|subscribers|supporters|audience|audiences|readers|voters|customers|person|humans"


@dataclass(frozen=True)
class Cue:
    """One cue phrase for a cause."""

    pattern: str
    own_negation: bool = False
    deny: bool = False
    weak: bool = False
    needs: str | None = None
    not_before: tuple[str, ...] = ()


CUES: dict[str, tuple[Cue, ...]] = {
    "bot_spam_purge": (
        Cue("bot|bots|spambot|spambots|botnet|botnets|bot-like|bot-driven|robots"),
        Cue("spam|spammy|spammer|spammers|spamming|spams|spam-fighting|anti-spam"),
        Cue(f"fake|phony|phoney|bogus|fraudulent|purchased|bought|paid|inauthentic|counterfeit|artificial|manufactured|false *? {ACCOUNTISH}"),
        Cue(f"fake|phony|bogus|inauthentic ,|and|or *? *? {ACCOUNTISH}"),
        Cue("fakes|fake", not_before=("news", "story", "stories", "outrage", "claims", "narrative", "reports", "quotes")),
        Cue("inauthentic|inauthenticity"),
        Cue("automated|automation|automatic"),
        Cue("~impersonate|impersonation|impersonator|impersonators|impersonating"),
        Cue("sock|troll|click|follower|engagement farm|farms|puppet|puppets"),
        Cue("platform|coordinated manipulation|inauthentic"),
        Cue("not|n't|never real|actual|genuine|human people|persons|humans|accounts|users|followers|fans", own_negation=True),
        Cue("not|n't real", own_negation=True, needs="followers_context"),
        Cue("no real|actual people|humans|person", own_negation=True),
        Cue("~violate our|the|its *? rules|policies|terms"),
        Cue("crackdown|crack-down|clean-up|cleanup|cleanse|clean-out|sweep", weak=True),
        Cue("~crack down", weak=True),
        Cue("~clean up|out", weak=True),
        Cue("~clear out", weak=True),
        Cue("~boost popularity|numbers|counts", weak=True),
        Cue("third-party|third apps|app|services|tools", needs="boost_context"),
        Cue("~buy|~purchase|~sell|buying|selling follower|followers|likes|fans|subscribers|subscriptions|engagement|views"),
        Cue("~delete|~remove accounts|profiles", weak=True),
    ),
    "locked_accounts": (
        Cue("locked|locks|lock|locking|lockout|lock-out|unlock|unlocked|unlocking", needs="lock_context"),
        Cue("~confirm|verify|re-verify|reverify|reset|re-enter|validate|authenticate *? *? phone|password|passwords|email|identity|details|info|information|number|emails"),
        Cue("~confirm|verify|reset|validate|authenticate their|your|his|her|the|an|a account|accounts|profile|profiles"),
        Cue("phone number|numbers"),
        Cue("~prove *? *? *? human|humans|person|people|real"),
        Cue("~confirm a|that human|person"),
        Cue("captcha|captchas|recaptcha"),
        Cue("security|identity check|checks|challenge|challenges|verification"),
        Cue("temporarily restricted|limited|suspended|locked"),
        Cue("read-only|read only mode|status"),
        Cue("~challenge account|accounts|users|them"),
        Cue("until they|you|owners *? *? ~confirm|~verify"),
        Cue("until they|you|owners have|'ve ~confirm|~verify"),
        Cue("suspensions|suspension or|and locks|lock"),
    ),
    "inactive_accounts": (
        Cue("inactive|dormant|deactivated|deactivation|deactivate|deactivating|memorialized|memorialised|memorialization|memorialisation|abandoned|defunct|unused|long-dormant|non-performing|nonperforming"),
        Cue("no longer active|used|in use"),
        Cue("stale|dormant|inactive|abandoned ,|and|or *? *? accounts|profiles|followers|users"),
        Cue("n't|not|never logged|log in|on"),
        Cue("have|has|had n't|not logged in|on"),
        Cue("ghost|dead|zombie|empty|closed|deleted|stale account|accounts|followers|profiles|users|fans"),
        Cue("profiles|accounts|profile|account got|were|was|been deleted|closed|deactivated"),
        Cue("~delete their|his|her|own account|accounts|profile|profiles"),
        Cue("passed away|died|deceased"),
        Cue("~stop using|logging"),
    ),
    "political_bias": (
        Cue("censor|censors|censored|censoring|censorship"),
        Cue("shadowban|shadowbans|shadowbanned|shadowbanning|shadow-banned|shadow-banning|shadow-ban"),
        Cue("shadow ban|banned|banning|bans"),
        Cue("political|politically bias|biased|motivated|targeting|targeted|purge|censorship|agenda|vendetta|persecution|discrimination|retaliation|reasons|leanings|views|opinions|beliefs|slanted|cull|affiliation|one|move|decision|pattern|crackdown|sweep|group|groups|side|sides"),
        Cue("politics", needs="clause_context"),
        Cue("every|all|any|each political|ideological stripe|stripes|persuasion|persuasions|affiliation|affiliations|leaning|leanings|camp|camps", deny=True),
        Cue("~single|singling *? out", needs="politics_context"),
        Cue("~punish|~target|~silence|~suppress|~censor *? artists|critics|users|accounts|people|creators|voices|opponents|those|dissenters|journalists"),
        Cue("bias|biased|partisan|partisanship"),
        Cue("apolitical|nonpartisan|non-partisan|unbiased|viewpoint-neutral", deny=True),
        Cue("without|free of|from *? bias|favoritism|favouritism", deny=True, needs="platform_context"),
        Cue("neutral", deny=True, needs="politics_context"),
        Cue("~silence|~suppress|~target|~punish|~persecute|~muzzle|~gag voices|conservatives|critics|dissent|opposition|speech|views|people|us|them|accounts"),
        Cue("viewpoint|viewpoints|ideology|ideological|ideologically"),
        Cue("war on|against conservatives|conservative|the right|republicans|maga|free speech"),
        Cue("~deplatform|deplatforming|deplatformed"),
        Cue("conspiracy|conspiracies|~conspire", needs="targeting_context"),
        Cue("free speech|expression"),
        Cue("free and|or fair speech|expression"),
        Cue("voices|speech|views|conservatives|critics|dissent *? *? ~silence|~censor|~suppress|~muzzle|~gag"),
        Cue("deliberately|intentionally|purposely|purposefully|secretly|systematically|selectively ~suppress|~reduce|~remove|~strip|~target|~throttle|~curb|~choke|~block|~delete|~shadowban", needs="no_bot_context"),
        Cue("conservatives|conservative|liberals|liberal|republicans|republican|democrats|democratic|right-wing|left-wing|rightwing|leftwing|maga|patriots|bjp|congress|opposition|nationalist|nationalists|progressives|progressive|leftists|leftist|right-leaning|left-leaning|right-wingers|left-wingers|rightwingers|pro-government|anti-government|dissidents|activists", needs="group_context"),
        Cue("the right|left", needs="group_context"),
    ),
    "technical_glitch": (
        Cue("glitch|glitches|glitched|glitchy|glitching|bug|bugs|buggy|bugged|malfunction|malfunctioning|outage|outages|snafu|hiccup|hiccups"),
        Cue("technical|tech|software|server|display|counting|system|systems|data issue|issues|problem|problems|error|errors|fault|faults|difficulties|snag|glitch|bug|failure|failures"),
        Cue("error|errors|miscount|miscounted|miscounting|miscounts|erroneously|erroneous"),
        Cue("broken|broke", needs="app_context"),
        Cue("the|this|your|their app|site|platform|counter|count is|was|'s *? broken|busted|down|acting|wrong"),
        Cue("something wrong|off with"),
        Cue("~fix the|this|that|an|a issue|problem|bug|glitch|error"),
        Cue("~roll back|rollback|roll-back", needs="count_context"),
        Cue("wrongly|incorrectly|mistakenly included|counted|removed|displayed|shown"),
    ),
    "genuine_unfollows": (
        Cue("unfollow|unfollows|unfollowed|unfollowing|unfollowers|un-follow|un-followed|un-following|unsubscribe|unsubscribed|unsubscribing|unsubscribes|unliked|unlike|unliking"),
        Cue(f"{PEOPLE} *? *? ~leave|~quit|~abandon|~desert|~ditch|~flee|~exit|~walk|~unfollow|~jump|~migrate|~tune|leaving|quitting|walking", needs="leaver_subject"),
        Cue(f"real|genuine|actual|human|single {PEOPLE} ~leave|leaving|~quit|quitting|~choose|~decide|~unfollow|~walk|~go|going|walking"),
        Cue(f"~drive|~chase|~scare|~push|~turn {PEOPLE}|them away|off"),
        Cue("~get|~grow|~be sick|tired|bored of"),
        Cue("~have enough of"),
        Cue("~log|~sign|logging off|out for good"),
        Cue("logging|logged off"),
        Cue(f"{PEOPLE} *? ~lose|lost interest"),
        Cue("genuine users leaving|unfollowing"),
        Cue("backlash|exodus|boycott|boycotts|boycotting|defections|defection"),
        Cue("lost|losing|lose interest"),
        Cue("~leave|~quit|~ditch|~abandon|~exit|~flee twitter|x|instagram|youtube|facebook|tiktok|the platform|the site|the app|social media"),
        Cue("jumped|jumping|jump ship"),
        Cue("~migrate to bluesky|threads|mastodon|other platforms|rival platforms"),
        Cue("organic|natural churn|decline|attrition|drop|unfollows"),
        Cue("organic|organically", needs="count_context"),
        Cue("churn|attrition"),
    ),
}


# ---------------------------------------------------------------------------
# Context words for the cues that need them (see causes.CONTEXT_CHECKS).

#: "platform_context": the sentence is about a platform, its accounts or its
#: moderation ("reporting without bias" in a donation appeal is not).
PLATFORM_CONTEXT_WORDS = (
    "purg", "follower", "account", "platform", "twitter", "instagram", "youtube", "facebook",
    "tiktok", "site", "app", "users", "moderat", "algorithm", "suspen", "remov", "delet",
    "tools", "enforcement", "policy", "policies", "rules",
)
#: "count_context": the sentence is about a count and its changes ("the counts
#: were rolled back", "the drop is organic"); a feature rolled back is not a glitch.
COUNT_CONTEXT_WORDS = (
    "follower", "count", "number", "tally", "subscriber", "fluctuat", "drop", "decline",
    "loss", "losses", "lost", "growth", "glitch", "bug", "error", "fix", "likes", "fans",
)
#: Dependencies that make the people of a "people leaving" cue the ones who leave:
#: subjects of the verb, or nouns the verb modifies ("fans leaving in droves").
#: "no_bot_context": a deliberate removal is political only where no bots, spam or
#: fakes are named as what is removed ("deliberately removing bots" is a purge).
BOT_CONTEXT_WORDS = ("bot", "spam", "fake", "automat", "inauthentic", "troll", "scam")
LEAVER_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
LEAVER_VERB_DEPS = frozenset({"acl", "relcl"})
