"""Claim extraction (stub)."""

from __future__ import annotations


def extract_claims(doc, statements, document, platform):
    return []


def assign_sources(claims, statements):
    return claims
