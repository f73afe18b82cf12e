"""``tamin-desk serve``: the token commands, and the real server process over TLS with the
fingerprint it prints as the desks' pin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.security.hashing import PRODUCTION
from desktop.service.bootstrap import build_service
from desktop.service.errors import BackendUnavailable
from tests.api.certs import make_self_signed
from tests.api.pg_cluster import free_port


def test_token_commands(sqlite_url, capsys):
    assert main(["serve", "create-token", "desk-07", "--db", sqlite_url]) == 0
    token = capsys.readouterr().out.strip()
    assert len(token) >= 40 and token.isascii()
    assert main(["serve", "--db", sqlite_url, "create-token", "room-trainer", "--trainer"]) == 0
    capsys.readouterr()

    assert main(["serve", "create-token", "desk-07", "--db", sqlite_url]) == 1
    assert "exists" in capsys.readouterr().err

    assert main(["serve", "list-tokens", "--db", sqlite_url]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"^desk-07\tdesk\t.*\tlive$", listing, re.M)
    assert re.search(r"^room-trainer\ttrainer\t.*\tlive$", listing, re.M)
    assert token not in listing

    assert main(["serve", "revoke-token", "desk-07", "--db", sqlite_url]) == 0
    assert main(["serve", "revoke-token", "desk-07", "--db", sqlite_url]) == 1
    capsys.readouterr()
    main(["serve", "list-tokens", "--db", sqlite_url])
    assert re.search(r"^desk-07\tdesk\t.*\trevoked ", capsys.readouterr().out, re.M)
    # The database holds the token's SHA-256 only.
    assert token.encode() not in Path(sqlite_url.removeprefix("sqlite:///")).read_bytes()


def test_tls_and_key_go_together(sqlite_url, tmp_path):
    cert, _ = make_self_signed(tmp_path)
    assert main(["serve", "--db", sqlite_url, "--tls-cert", str(cert)]) == 2


@pytest.mark.slow
def test_the_served_process_is_reached_with_the_printed_fingerprint(sqlite_url, tmp_path, capsys):
    cert, key = make_self_signed(tmp_path)
    main(["serve", "create-token", "desk-1", "--db", sqlite_url])
    token = capsys.readouterr().out.strip()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "serve", "--db", sqlite_url, "--port", str(port),
         "--tls-cert", str(cert), "--tls-key", str(key)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=dict(os.environ),
    )  # fmt: skip
    try:
        fingerprint = None
        deadline = time.monotonic() + 60
        while fingerprint is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            assert line, "the server exited"
            if found := re.search(r"SHA-256 \(desks: --pin\): ([0-9A-F:]{95})", line):
                fingerprint = found.group(1)
        url = f"https://127.0.0.1:{port}"
        for _ in range(100):  # the fingerprint is printed just before uvicorn listens
            try:
                desk = build_service(url, token=token, pin=fingerprint, hash_policy=PRODUCTION)
                break
            except BackendUnavailable:
                time.sleep(0.1)
        else:
            pytest.fail("the served process never answered")
        with desk:
            assert desk.service.now().tzinfo is not None
            assert desk.training is None
    finally:
        process.terminate()
        process.wait(15)
        process.stdout.close()
