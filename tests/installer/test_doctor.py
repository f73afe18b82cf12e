"""`tamin-desk doctor` from the source tree (the bundle test runs it frozen)."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.commands import doctor


@pytest.mark.production_hash
def test_doctor_passes_on_a_set_up_tree(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TAMIN_DESK_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "(source, Python " in out
    for name, _ in doctor.CHECKS:
        assert f"ok    {name}: " in out, name
    assert "simulator database: migrations applied up to" in out
    assert "password hashing: m=19456,t=2,p=1" in out  # the parameters, never a hash
    assert "all checks passed" in out


def test_doctor_reports_every_failure_and_exits_one(capsys, tmp_path, monkeypatch):
    """A broken settings file fails its check; the other checks still run and report."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text("[desk]\nidle_minutes = 3\n", encoding="utf-8")
    monkeypatch.setenv("TAMIN_DESK_CONFIG_DIR", str(config))
    monkeypatch.setattr(
        doctor, "CHECKS", tuple((n, c) for n, c in doctor.CHECKS if n != "password hashing")
    )
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  settings: SettingsError:" in out and "«desk.idle_minutes»" in out
    assert "ok    user data folder: " in out  # ran after the failure
    assert "1 check(s) failed" in out
