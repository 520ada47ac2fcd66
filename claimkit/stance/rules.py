"""Rules stance backend (stub)."""

from claimkit.stance.base import StancePrediction


class RulesStance:
    name = "rules"

    def __init__(self, nlp=None):
        self.nlp = nlp

    def predict(self, items):
        return [StancePrediction("comment", 0.5) for _ in items]


def build(config, nlp):
    return RulesStance(nlp)
