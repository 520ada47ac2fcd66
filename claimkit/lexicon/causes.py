"""The cause taxonomy (SPEC section 3) as data: descriptions, templates and cues.

`DESCRIPTIONS` are the natural-language targets the learned and NLI backends
compare a statement against; `NLI_TEMPLATES` are the hypotheses per stance;
`CUES` are the token patterns the cause detector matches (spaCy `Matcher`
syntax over lower-case text and lemmas).
"""

from __future__ import annotations

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
