"""Secrets handling: argon2id hashing on the desk, masking for logs. No Qt, no SQLAlchemy."""
