"""Shared helpers, not a revision."""


def helper():
    return 1
