"""Errors newsprism raises. Each message says what went wrong and what to do about it."""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose; the CLI prints its message without a traceback."""


class InputError(NewsprismError):
    """An input could not be read: missing, empty, binary, undecodable or of an unknown format."""


class NetworkError(InputError):
    """A URL could not be fetched (no network, timeout, HTTP error)."""


class ModelError(NewsprismError):
    """A model could not be loaded; the message says which package to install."""
