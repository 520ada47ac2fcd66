"""Words for the newsroom view's cross-document subject resolution (data for `claimkit.newsroom.resolve`).

Every word is lower case, as `claimkit.names.normalize_name` leaves a name's
tokens (punctuation gone: "Dr." is "dr", "Sen." is "sen").
"""

from __future__ import annotations

#: Titles and descriptions dropped from a name before accounts are compared,
#: so that "President Trump", "Former President Donald Trump" and "Trump" can
#: be one account and "Senator Mara Quinn" is "Mara Quinn". A name made only
#: of these words ("The Governor") is kept whole.
ACCOUNT_TITLES: frozenset[str] = frozenset({
    "president", "former", "ex", "prime", "minister", "pm", "senator", "sen", "rep", "representative",
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "governor", "gov", "mayor", "actor",
    "actress", "singer", "rapper", "star", "pop", "comedian", "journalist", "columnist", "host",
    "pastor", "rev", "reverend", "candidate", "congressman", "congresswoman", "chief", "ceo",
})

__all__ = ["ACCOUNT_TITLES"]
