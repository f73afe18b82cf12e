"""Comparing an argon2id hash's parameters with the service's policy."""

from __future__ import annotations

from desktop.security.hashing import HashPolicy, parse_phc


def weaker_than(phc: str, policy: HashPolicy) -> bool:
    """True when ``phc`` was made with less memory, fewer iterations or fewer lanes than
    ``policy`` (it should be re-hashed at the next successful login). A stronger hash is left
    alone: a service running a cheaper policy never downgrades it. An unparsable hash counts
    as weaker. Source: OWASP Password Storage Cheat Sheet, "upgrading legacy hashes"."""
    params = parse_phc(phc)
    if params is None:
        return True
    return (
        params["m"] < policy.memory_kib
        or params["t"] < policy.time_cost
        or params["p"] < policy.parallelism
    )
