"""Claim extraction: follower losses and gains, and accounts a platform removed.

`find_mentions` reads every number in the document (`read_mention`) and keeps
those that the words around them make a claim:

- a loss or gain verb or noun over a follower noun ("lost 3000 followers",
  "80,000 fewer followers", "Kher's 900k drop", "a fall of roughly 900k",
  "follower count fell by 2,000", "said goodbye to 48 followers", "640
  followers lighter", "I'm down 9,600", "280 came back");
- a bare number after a change verb in a document about followers ("she had
  lost 400 in a day", "PewDiePie added 145,000");
- a removal verb over an account noun ("removed around 1.7 million bots"), or
  over followers a platform removed ("we removed 211.3 million followers").

Numbers a claim leaves implicit are read from the claim before them: gapped
lists ("Shakira gave up 6,855,640, Katy Perry 5,632,634"), distributed
subjects ("Warren and Sanders each lost 100,000") and comparisons ("That
compares with 1.2 billion in the fourth quarter"). Totals, percentages,
dates, money and two-total changes are not claims; ranges are kept with their
bounds and no amount.

`merge_mentions` then merges the mentions of one claim (same kind, same
subject, amounts within 0.5 %) and takes the fields of the most direct
source (affected > platform > third party > reporter). Before that,
`drop_out_of_bounds` moves mentions with absurd amounts (over 10^11
followers or 10^12 accounts) or spans (over 100 years) to `Analysis.ignored`.
"""

from __future__ import annotations

from claimkit.claims.records import ClaimMention, statement_at
from claimkit.claims.amounts import qualifier_of
from claimkit.claims.mentions import find_mentions, read_mention
from claimkit.claims.merge import drop_out_of_bounds, merge_mentions, with_mention_text

__all__ = [
    "ClaimMention",
    "drop_out_of_bounds",
    "find_mentions",
    "merge_mentions",
    "qualifier_of",
    "read_mention",
    "statement_at",
    "with_mention_text",
]
