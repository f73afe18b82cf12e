"""The server's X25519 key pair for opening sealed offline registrations.

The private key lives in a PEM file (PKCS #8) in the server's data folder, never in the
database: a database dump or backup alone opens nothing. The file is created once, readable by
its owner only (0600 on POSIX), atomically (written aside, then hard-linked into place), so
two servers starting at once cannot each write a different key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

#: File name of the key beside the server's SQLite database (or in the user data folder).
KEY_FILE_NAME = "sync-x25519.pem"


def default_key_path(database_url: str) -> Path:
    """Where the server keeps its key: beside a ``sqlite:///`` database file, else in the user
    data folder (a PostgreSQL server)."""
    from desktop.paths import user_data_dir

    if database_url.startswith("sqlite") and ":///" in database_url:
        path = database_url.split(":///", 1)[1].split("?", 1)[0]
        if path and path != ":memory:":
            return Path(path).expanduser().resolve().parent / KEY_FILE_NAME
    return user_data_dir() / KEY_FILE_NAME


def load_or_create_server_key(path: Path) -> X25519PrivateKey:
    """The private key in ``path``, made first if the file does not exist.

    Raises OSError when the file cannot be read or created, ValueError when it is not an
    X25519 PKCS #8 PEM key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    key = X25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # Written to a private temporary file, then linked into place: link fails if the name
    # exists, so a second server starting at the same moment reads the first one's full key.
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
        file.flush()
        os.fsync(file.fileno())
    try:
        os.link(temporary, path)
    except FileExistsError:
        return _read(path)
    finally:
        temporary.unlink()
    return key


def _read(path: Path) -> X25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, X25519PrivateKey):
        raise ValueError(f"{path} is not an X25519 private key")
    return key
