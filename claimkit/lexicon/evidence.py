"""Words the evidence finder looks for in a gold text (data for `claimkit.evidence`).

Lower case, matched against the words of a sentence.
"""

from __future__ import annotations

#: Words of a platform's voice: a sentence with one of them names a gold platform
#: speaker ("a Twitter spokesperson said", "in a statement, the company ...").
PLATFORM_VOICE = ("company", "spokesperson", "spokesman", "spokeswoman", "support", "safety", "said", "statement")
