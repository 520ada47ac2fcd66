"""Words by which a speaker speaks of their own followers (data for `claimkit.roles`).

The `*_PATTERN` entries are regex sources (alternations without an
enclosing group, and the whole pattern they make), matched
case-insensitively: a statement that matches `OWN_FOLLOWERS_PATTERN` makes
its speaker `affected`.
"""

from __future__ import annotations

#: Nouns for one's own followers ("the followers I lost", "I've lost 3,000 subscribers").
OWN_FOLLOWER_NOUNS_PATTERN = r"followers|subscribers|subs|fans|likes"
#: Nouns for one's own count ("my follower count", "our follower list").
OWN_COUNT_NOUNS_PATTERN = r"follower\s+count|subscriber\s+count|follower\s+list"
#: First-person possessives ("my followers").
OWN_POSSESSIVES_PATTERN = r"my|our"
#: First-person subjects, with their contractions ("I've lost", "we're down").
FIRST_PERSON_SUBJECTS_PATTERN = r"I|I'm|I’m|I've|I’ve|I'd|I’d|we|we've|we’ve|we're|we’re"
#: First-person "be" ("I'm down 2,310", "we are almost 900 down").
FIRST_PERSON_BE_PATTERN = r"I'm|I’m|I\s+am|we're|we’re|we\s+are"
#: Verbs after "the followers I ..." ("the followers I lost", "fans that we had").
HELD_VERBS_PATTERN = r"lost|gained|had"
#: Verbs of a change to one's own count ("I've lost 3,000 followers", "we just gained 500").
OWN_CHANGE_VERBS_PATTERN = r"lost|gained|regained|recovered|shed|dropped|bought"
#: Auxiliaries and adverbs between the subject and that verb ("I have just lost").
CHANGE_AUXILIARIES_PATTERN = r"have\s+|had\s+|just\s+|already\s+|now\s+"
#: "I have 3,000 fewer followers": the verbs and the comparatives.
HAVING_PATTERN = r"have|had|now\s+have"
COUNT_COMPARATIVES_PATTERN = r"fewer|less|more"
#: Approximators before the amount ("I'm down about 500").
APPROXIMATORS_PATTERN = r"about\s+|around\s+|almost\s+|nearly\s+|over\s+"
#: Direction words of "I'm down 2,310", "we're 900 up", "I'm 640 followers lighter".
DIRECTION_PATTERN = r"down|up"
DIRECTION_AFTER_PATTERN = r"down|up|lighter"

#: An amount written with digits ("3,000", "2.5k").
_AMOUNT = r"[\d][\d,.]*\s*[kKmM]?"
_FOLLOWERS = rf"(?:{OWN_FOLLOWER_NOUNS_PATTERN})"
_I = rf"(?:{FIRST_PERSON_SUBJECTS_PATTERN})"
_BE = rf"(?:{FIRST_PERSON_BE_PATTERN})"

#: A statement in the first person about its author's own followers.
OWN_FOLLOWERS_PATTERN = (
    # "my followers", "our follower count", "my subscriber count"
    rf"\b(?:{OWN_POSSESSIVES_PATTERN})\s+(?:\w+\s+){{0,2}}(?:{_FOLLOWERS}|{OWN_COUNT_NOUNS_PATTERN})\b"
    # "the followers I lost", "fans that we had"
    rf"|\b{_FOLLOWERS}\s+(?:that\s+)?(?:I|we)\s+(?:had\s+|have\s+)?(?:{HELD_VERBS_PATTERN})\b"
    # "I've lost 3,000 followers", "we just gained about 500 subscribers"
    rf"|\b{_I}\s+(?:{CHANGE_AUXILIARIES_PATTERN})*(?:{OWN_CHANGE_VERBS_PATTERN})\b(?:\s+\S+){{0,4}}\s+{_FOLLOWERS}\b"
    # "I have 3,000 fewer followers"
    rf"|\b(?:I|we)\s+(?:{HAVING_PATTERN})\s+{_AMOUNT}\s+(?:{COUNT_COMPARATIVES_PATTERN})\s+{_FOLLOWERS}\b"
    # "I'm down 2,310", "we're almost 900 down"
    rf"|\b{_BE}\s+(?:\w+\s+)?(?:{DIRECTION_PATTERN})\s+(?:by\s+)?(?:{APPROXIMATORS_PATTERN})?{_AMOUNT}"
    rf"|\b{_BE}\s+(?:{APPROXIMATORS_PATTERN})?{_AMOUNT}\s+(?:{_FOLLOWERS}\s+)?(?:{DIRECTION_AFTER_PATTERN})\b"
)
