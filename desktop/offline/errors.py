"""Exceptions of the offline queue, in a module of their own so a view can catch them without
importing the queue (SQLite) or the sync client (HTTP)."""

from __future__ import annotations


class NoServerKey(RuntimeError):
    """The desk was never connected to its server, so there is no key to seal to.

    Connect once (``tamin-desk sync --pin-only``, or a sync) while the server is reachable.
    """


class KeyMismatch(RuntimeError):
    """The server's sealing key is not the one this queue pinned: it cannot open what was
    queued (another server, or a server whose key was replaced). Nothing is sent."""
