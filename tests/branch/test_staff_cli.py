"""``tamin-desk staff``: add (password from stdin or asked twice), list, disable."""

from __future__ import annotations

import io

import pytest

from desktop.cli import main


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A fresh simulator file; its key file goes to the test's private data folder."""
    monkeypatch.setenv("TAMIN_DESK_DATA_DIR", str(tmp_path / "data"))
    return f"sqlite:///{tmp_path / 'staff.sqlite3'}"


def _add(db, name, role, password, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = main(["staff", "add", name, "--role", role, "--password-stdin", "--db", db])
    return code, capsys.readouterr()


def test_add_list_disable(db, monkeypatch, capsys):
    code, out = _add(db, "Sara", "operator", "Operator1404", monkeypatch, capsys)
    assert code == 0 and out.out.startswith("added\t1\tsara\toperator")
    assert _add(db, "reza", "supervisor", "Supervisor1404", monkeypatch, capsys)[0] == 0
    assert main(["staff", "disable", "sara", "--db", db]) == 0
    capsys.readouterr()
    assert main(["staff", "list", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2\treza\tsupervisor\tactive",
        "1\tsara\toperator\tdisabled",
    ]


def test_password_asked_twice_with_getpass(db, monkeypatch, capsys):
    answers = iter(["Operator1404", "Operator1405"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["staff", "add", "sara", "--role", "operator", "--db", db]) == 1
    assert "differ" in capsys.readouterr().err
    answers = iter(["Operator1404", "Operator1404"])
    assert main(["staff", "add", "sara", "--role", "operator", "--db", db]) == 0


def test_weak_password_duplicate_and_bad_name_are_refused(db, monkeypatch, capsys):
    code, out = _add(db, "sara", "operator", "short", monkeypatch, capsys)
    assert code == 1 and "گذرواژه" in out.err  # Persian messages of the password rules
    assert _add(db, "sara", "operator", "Operator1404", monkeypatch, capsys)[0] == 0
    code, out = _add(db, "sara", "supervisor", "Operator1404", monkeypatch, capsys)
    assert code == 1 and "already_registered" in out.err
    assert _add(db, "x!", "operator", "Operator1404", monkeypatch, capsys)[0] == 2
    assert main(["staff", "disable", "nobody", "--db", db]) == 1
