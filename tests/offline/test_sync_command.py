"""``tamin-desk sync``: pins the key, sends with a progress line, lists and dismisses; exit
codes for an unreachable server, a changed key and bad usage. Also the settings' field mode
and the desk's offline queue built from the settings."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.cli import main
from desktop.offline.desk import offline_desk_from_settings
from desktop.offline.queue import ItemState, OfflineQueue
from desktop.settings import Settings, SettingsError, load_settings
from tests.offline.conftest import make_request, sync_server


def test_pin_only_then_sync_with_a_progress_line_then_list(
    tmp_path, live, server_key, registry_people, hashes, capsys
):
    path = tmp_path / "cli-queue.sqlite3"
    args = ["sync", "--backend", live.url, "--token", live.token, "--queue", str(path)]
    assert main([*args, "--pin-only"]) == 0
    out = capsys.readouterr().out
    with OfflineQueue(path) as queue:
        assert queue.pinned_key().fingerprint in out
        for person in registry_people[:12]:
            queue.enqueue(make_request(person, hashes))
    assert main([*args, "--batch", "5"]) == 0
    captured = capsys.readouterr()
    assert "\rsent 5/12 " in captured.err and "\rsent 12/12 " in captured.err
    assert "/s" in captured.err
    assert "sent 12: 12 accepted, 0 refused" in captured.out
    assert main(["sync", "--queue", str(path), "--list"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 12
    local_id, masked, state, _when, tracking_id = rows[0].split("\t")
    assert state == "accepted" and masked.count("*") == 4 and tracking_id
    assert registry_people[0].national_code not in "\n".join(rows)
    assert main(["sync", "--queue", str(path), "--dismiss", local_id]) == 0
    with OfflineQueue(path) as queue:
        assert len(queue.items()) == 11


def test_an_unreachable_server_keeps_the_queue_and_exits_3(queue, capsys):
    code = main(
        ["sync", "--backend", "http://127.0.0.1:9", "--token", "t", "--queue", str(queue.path)]
    )
    assert code == 3
    assert "the queue is kept" in capsys.readouterr().err


def test_a_changed_server_key_sends_nothing_and_exits_1(
    tmp_path, server_db, queue, registry_people, hashes, capsys
):
    queue.enqueue(make_request(registry_people[0], hashes))
    with sync_server(server_db, X25519PrivateKey.generate()) as other:
        code = main(
            ["sync", "--backend", other.url, "--token", other.token, "--queue", str(queue.path)]
        )
    assert code == 1
    assert "nothing was sent" in capsys.readouterr().err
    assert queue.counts()[ItemState.QUEUED] == 1


@pytest.mark.parametrize(
    "args",
    [
        ["sync", "--batch", "0"],
        ["sync", "--backend", "sqlite:///x.sqlite3", "--token", "t"],
        ["sync", "--backend", "http://127.0.0.1:9"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TAMIN_DESK_TOKEN", raising=False)
    assert main([*args, "--queue", str(tmp_path / "q.sqlite3")]) == 2
    assert capsys.readouterr().err.startswith("sync:")


def test_field_mode_is_a_desk_setting(tmp_path):
    file = tmp_path / "settings.toml"
    file.write_text(
        '[backend]\nurl = "http://10.0.0.5:8765"\ntoken_file = "token.txt"\n'
        "[desk]\nfield_mode = true\n",
        encoding="utf-8",
    )
    token = tmp_path / "token.txt"
    token.write_text("desk-token\n", encoding="utf-8")
    token.chmod(0o600)
    settings = load_settings(file)
    assert settings.field_mode is True
    desk = offline_desk_from_settings(settings)
    assert (desk.field_mode, desk.server_url, desk.token) == (
        True,
        "http://10.0.0.5:8765",
        "desk-token",
    )
    assert desk.queue_path == settings.offline_queue_path
    assert Settings().field_mode is False
    assert offline_desk_from_settings(Settings()).server_url is None  # the simulator: no server
    file.write_text('[desk]\nfield_mode = "yes"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"desk\.field_mode"):
        load_settings(file)


def test_field_mode_flag_overrides_the_settings():
    from desktop.app import build_offline_desk
    from desktop.cli import build_parser

    assert build_parser().parse_args(["--field-mode"]).field_mode is True
    assert build_parser().parse_args([]).field_mode is False
    assert build_offline_desk(None, None, field_mode=True).field_mode is True
    assert build_offline_desk(None, None).field_mode is False  # this session's settings: none
