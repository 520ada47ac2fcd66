"""Alignment (stub)."""


def align(mentions, stances, statements, platform):
    return []
