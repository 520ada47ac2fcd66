"""Roles (stub)."""


def mark_affected(statements, claims):
    return statements
