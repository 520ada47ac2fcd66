"""Cause detection (stub)."""


def detect_causes(doc, statements):
    return []


def classify(mentions, statements, doc, backend):
    return []
