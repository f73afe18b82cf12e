"""`tamin-desk check`: JSON output and exit codes, in-process and as a real subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_in_process(capsys, monkeypatch, *args: str, stdin: str | None = None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines()], out.err


def test_valid_value(capsys, monkeypatch):
    code, lines, _ = run_in_process(capsys, monkeypatch, "national_code", "۰۴۹-۹۳۷۰۸۹-۹")
    assert code == 0
    assert lines == [{"field": "national_code", "value": "0499370899", "errors": []}]


def test_invalid_value_has_null_value_and_persian_message(capsys, monkeypatch):
    code, lines, _ = run_in_process(capsys, monkeypatch, "national_code", "1234567890")
    assert code == 1
    assert lines == [
        {
            "field": "national_code",
            "value": None,
            "errors": [
                {"code": "checksum", "message": "کد ملی وارد شده معتبر نیست: رقم کنترل نادرست است."}
            ],
        }
    ]


def test_password_with_context_and_english(capsys, monkeypatch):
    code, lines, _ = run_in_process(
        capsys,
        monkeypatch,
        "password",
        "Rezaei1990",
        "--first-name",
        "علی",
        "--last-name",
        "رضایی",
        "--national-code",
        "0499370899",
        "--lang",
        "en",
    )
    assert code == 1
    assert [e["code"] for e in lines[0]["errors"]] == ["contains_personal_info"]
    assert lines[0]["errors"][0]["message"].startswith("The password must not contain")


def test_birth_date_with_today(capsys, monkeypatch):
    args = ("birth_date", "1405/09/10", "--today", "۱۴۰۵/۰۹/۰۹")
    code, lines, _ = run_in_process(capsys, monkeypatch, *args)
    assert code == 1 and lines[0]["errors"][0]["code"] == "in_future"
    code, lines, _ = run_in_process(
        capsys, monkeypatch, "birth_date", "1405/9/9", "--today", "1405/09/09"
    )
    assert code == 0 and lines[0]["value"] == "1405/09/09"


def test_stdin_one_object_per_line(capsys, monkeypatch):
    stdin = "09121234567\n+98 912 123 4567\r\n02112345678\n"
    code, lines, _ = run_in_process(capsys, monkeypatch, "mobile", "-", stdin=stdin)
    assert code == 1
    assert [line["value"] for line in lines] == ["09121234567", "09121234567", None]
    assert lines[2]["errors"][0]["code"] == "format"


def test_stdin_all_valid_exits_0(capsys, monkeypatch):
    code, lines, _ = run_in_process(capsys, monkeypatch, "first_name", "-", stdin="علي\nزهرا\n")
    assert code == 0 and [line["value"] for line in lines] == ["علی", "زهرا"]


def test_stdin_keeps_password_spaces(capsys, monkeypatch):
    code, lines, _ = run_in_process(capsys, monkeypatch, "password", "-", stdin="Abcdefg1 \n")
    assert code == 1 and lines[0]["errors"][0]["code"] == "invalid_char"


@pytest.mark.parametrize(
    "args",
    [("no_such_field", "x"), ("birth_date", "1365/01/01", "--today", "1404/12/30"),
     ("birth_date", "1365/01/01", "--today", "yesterday")],
)  # fmt: skip
def test_usage_errors_exit_2(capsys, monkeypatch, args):
    code, lines, err = run_in_process(capsys, monkeypatch, *args)
    assert code == 2 and lines == [] and "tamin-desk check" in err


def test_bad_language_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "mobile", "0912", "--lang", "de"])
    assert exc.value.code == 2


def _subprocess(*args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="ascii")  # the command must not rely on the console
    return subprocess.run(
        [sys.executable, "-m", "desktop", "check", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_subprocess_valid_and_invalid():
    done = _subprocess("last_name", "كاظمي")
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("utf-8")) == {
        "field": "last_name",
        "value": "کاظمی",
        "errors": [],
    }
    done = _subprocess("email", "user@@example.com", "--lang", "en")
    assert done.returncode == 1
    assert json.loads(done.stdout)["errors"][0]["code"] == "format"


def test_subprocess_stdin_and_usage_error():
    done = _subprocess("national_code", "-", stdin="0499370899\n1111111111\n")
    assert done.returncode == 1
    results = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["value"] for r in results] == ["0499370899", None]
    assert results[1]["errors"][0]["code"] == "repeated_digits"
    assert _subprocess("height", "180").returncode == 2
