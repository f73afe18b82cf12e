"""The desk's start-up, memory and responsiveness against a bare PySide6 window.

Every number is measured in fresh subprocesses on the offscreen platform, both sides in the
same run, so a busy shared machine slows both alike:

* ``startup_ratio``: wall time from process start to the first page painted, ``tamin-desk``
  (``TAMIN_DESK_STARTUP_PROBE=1`` makes it print a marker at its first paint and exit) over a
  bare script that shows one empty QWidget and prints the same marker at its first paint.
  Median of :data:`RUNS` each, interleaved (``startup_app_ms``, ``startup_bare_ms``), and the
  ratio of the fastest runs (``startup_ratio_min``). Target ≤ 1.5.
* ``memory_ratio``: peak RSS (``VmHWM``, :mod:`bench.peak`) of the desk as ``tamin-desk``
  runs it (run_gui on the default embedded simulator, «ثبت نام» clicked once its start-up
  jobs are done) with the wizard's first page shown, over the bare window's peak RSS. Target
  ≤ 1.5. The embedded simulator (SQLAlchemy, migrations: ~90 MiB) is built when the desk
  first needs it (the wizard leaving step 1, login, recovery), so it is not in this number
  (``memory_backend_built_at_wizard`` says whether it was); what the desk holds once a
  registration went through is ``memory_after_submit_mib`` / ``memory_after_submit_ratio``
  (the stall probes' peak: backend, zxcvbn and four PRODUCTION argon2 hashes of 19 MiB each
  computed in parallel), reported for the record, with no target.
* ``max_stall_ms``: the longest event-loop stall while a whole registration is submitted at the
  PRODUCTION argon2 parameters (hashing, simulator, verification and SMS poll included): the
  largest gap between ticks of a 10 ms QTimer, minus those 10 ms; median of
  :data:`STALL_RUNS` probes. Target < 50. ``idle_stall_ms`` is the same measured on the idle
  desk right after, for as long: on a shared, loaded machine the scheduler alone causes stalls,
  and this says how much of the first number is the machine's.
"""

from __future__ import annotations

import compileall
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.peak import PEAK_KIB_EXPR, peak_kib

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RUNS = 7
STALL_RUNS = 3
TICK_MS = 10
MARKER = "first-page-shown"

# The baseline: one empty window, the marker printed on the turn after its first paint event,
# exactly as desktop.app.FirstPaint does for the desk.
BARE_WINDOW = f"""
import resource, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False

def done():
    print("{MARKER}", flush=True)
    if "--memory" in sys.argv:
        print("maxrss_kib", {PEAK_KIB_EXPR}, flush=True)
    app.exit(0)

probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _env(home: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        TAMIN_DESK_DATA_DIR=os.path.join(home, "data"),
        TAMIN_DESK_CONFIG_DIR=os.path.join(home, "config"),
    )
    return env


def _time_to_marker(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``command`` to its marker line on stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        for line in process.stdout:
            if line.startswith(MARKER):
                elapsed = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"{command[0]} exited without printing {MARKER!r}")
    finally:
        process.wait(timeout=60)
    return elapsed


def _last_json_line(command: list[str], env: dict[str, str]) -> dict:
    result = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _compile_catalogs() -> None:
    """``make catalogs``: compile every ``.po`` whose ``.mo`` is missing or older."""
    pybabel = str(Path(PYTHON).with_name("pybabel"))
    for po in sorted((ROOT / "resources" / "locale").glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run([pybabel, "-q", "compile", "-i", str(po), "-o", str(mo)], check=True)


def startup(runs: int = RUNS) -> dict[str, float]:
    """Median first-paint times (ms) of the desk and of the bare window, and their ratio;
    also the ratio of the fastest runs (``startup_ratio_min``), which a loaded machine
    disturbs least."""
    app_command = [str(Path(PYTHON).with_name("tamin-desk"))]
    bare_command = [PYTHON, "-c", BARE_WINDOW]
    app_times, bare_times = [], []
    # Byte code and message catalogs compiled first, as pip, `make catalogs` and the bundle
    # leave an installed desk (the Makefile sets PYTHONDONTWRITEBYTECODE, so a checkout may
    # have no byte code; a stale .mo makes the desk parse the .po with Babel, ~25 ms).
    compileall.compile_dir(str(ROOT / "desktop"), quiet=1)
    _compile_catalogs()
    with tempfile.TemporaryDirectory(prefix="tamin-desk-bench-") as home:
        env = _env(home)
        probe_env = {**env, "TAMIN_DESK_STARTUP_PROBE": "1"}
        _time_to_marker(app_command, probe_env)  # warm the page cache for both sides
        _time_to_marker(bare_command, env)
        for _ in range(runs):  # interleaved: machine load hits both alike
            app_times.append(_time_to_marker(app_command, probe_env))
            bare_times.append(_time_to_marker(bare_command, env))
    app_ms = statistics.median(app_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    return {
        "startup_app_ms": round(app_ms, 1),
        "startup_bare_ms": round(bare_ms, 1),
        "startup_ratio": round(app_ms / bare_ms, 2),
        "startup_ratio_min": round(min(app_times) / min(bare_times), 2),
    }


def _open_desk(hash_policy_name: str):
    """(app, window, backend, wizard) as ``run_gui`` builds them, the wizard open.
    Runs inside a probe subprocess."""
    from PySide6.QtWidgets import QApplication

    from desktop import app as desk_app
    from desktop.security import hashing
    from desktop.service.bootstrap import build_service
    from desktop.settings import load_settings
    from desktop.views.main_window import MainWindow

    app = QApplication(sys.argv[:1])  # as run_gui starts Qt
    desk_app.configure_application(app)
    window = MainWindow()
    window.show()
    settings = load_settings()
    backend = build_service(
        settings.backend_url_or_default(),
        hash_policy=getattr(hashing, hash_policy_name),
        config=settings.service_config,
    )
    window.attach_backend(backend)
    window.runner.wait()  # the wizard preload, then what run_gui does once it is done:
    desk_app.freeze_startup_heap()
    window.open_registration()
    for _ in range(20):
        app.processEvents()
    return app, window, backend, window.wizard


# The desk exactly as ``tamin-desk`` opens it (run_gui, default embedded simulator, nothing
# prefilled): once its start-up jobs are done, «ثبت نام» is clicked as an operator would, and
# when the wizard's first page is painted and the job thread idle again, the peak RSS is
# printed. A script of its own (not an import of this module) so the probe process holds
# nothing the desk would not.
DESK_MEMORY_PROBE = """
import json, resource, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from desktop import app as desk_app

def main_window():
    return next(w for w in app.topLevelWidgets() if w.objectName() == "main_window")

def click_register():
    window = main_window()
    window.runner.wait()
    window.form.register_button.click()
    QTimer.singleShot(500, report)

def report():
    window = main_window()
    window.runner.wait()
    app.processEvents()
    shown = window.wizard.isVisible() and window.wizard.currentId() == 0
    print(json.dumps({
        "maxrss_kib": PEAK_KIB,
        "wizard_shown": shown,
        "backend_built": window.backend is not None,
    }), flush=True)
    app.exit(0)

QTimer.singleShot(1500, click_register)
desk_app.run_gui()
""".replace("PEAK_KIB", PEAK_KIB_EXPR)


def _fill_wizard(wizard) -> None:
    """Valid steps 1-3 for a seed person who can be activated."""
    seed = json.loads((ROOT / "resources" / "seed" / "civil_registry.json").read_text("utf-8"))
    taken = {account["national_code"] for account in seed["training_accounts"]}
    person = next(p for p in seed["people"] if p["mobiles"] and p["national_code"] not in taken)
    identity, civil, secrets = wizard.identity_page, wizard.civil_page, wizard.secrets_page
    identity.national_code_edit.setText(person["national_code"])
    identity.mobile_edit.setText(person["mobiles"][0])
    wizard.next()
    civil.first_name_edit.setText(person["first_name"])
    civil.last_name_edit.setText(person["last_name"])
    civil.gender_combo.setCurrentIndex(civil.gender_combo.findData(person["gender"]))
    civil.birth_certificate_number_edit.setText(person["birth_certificate_number"])
    civil.birth_date_edit.set_jalali(*map(int, person["birth_date"].split("/")))
    wizard.next()
    secrets.password_field.password_edit.setText("Bench2024&go")
    secrets.password_confirm_edit.setText("Bench2024&go")
    for index, (combo, answer) in enumerate(
        zip(secrets.question_combos, secrets.answer_edits, strict=True)
    ):
        combo.setCurrentIndex(index + 1)
        answer.setText(("سبز", "شیراز", "نانوایی")[index])
    wizard.next()


def _tick_gaps(app, until, seconds: float) -> list[int]:
    """Run a real event loop (waiting in Qt, as ``app.exec()`` does, not in a Python loop)
    until ``until()`` is true or ``seconds`` passed, a 10 ms QTimer ticking; return the gaps
    between its ticks, in ms."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    clock = QElapsedTimer()
    ticks: list[int] = []
    loop = QEventLoop()

    def tick() -> None:
        ticks.append(clock.elapsed())
        if until():
            loop.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    clock.start()
    timer.start()
    loop.exec()
    timer.stop()
    return [later - earlier for earlier, later in itertools.pairwise(ticks)]


def stall_probe() -> None:
    """Subprocess body: submit at PRODUCTION hashing; print, as JSON, the longest stall while
    it goes through (``max_stall_ms``) and, for scale, the longest while the same desk sits
    idle for as long (``idle_stall_ms``: the machine's own noise)."""
    from desktop.views.wizard.ids import PageId

    app, window, _backend, wizard = _open_desk("PRODUCTION")
    _fill_wizard(wizard)
    assert wizard.currentId() == PageId.REVIEW, "the bench's applicant was refused"
    # Typing ended "a while ago": let the strength meter's debounce and any other pending
    # work run before the clock starts, as it would have while the applicant reviewed.
    _tick_gaps(app, lambda: False, 1.0)
    started = time.perf_counter()

    def sms_shown() -> bool:
        return bool(window.phone and window.phone.texts())

    wizard.next()  # confirm and send: hashing and the service run on the job thread
    busy_gaps = _tick_gaps(app, sms_shown, 60)
    took = time.perf_counter() - started
    idle_gaps = _tick_gaps(app, lambda: False, took)
    print(
        json.dumps(
            {
                "maxrss_kib": peak_kib(),
                "max_stall_ms": max(0, max(busy_gaps) - TICK_MS),
                "idle_stall_ms": max(0, max(idle_gaps) - TICK_MS),
                "submit_ms": round(took * 1000),
                "submitted": wizard.currentId() == PageId.RESULT and sms_shown(),
            }
        )
    )


def _bare_maxrss_kib(env: dict[str, str]) -> int:
    bare = subprocess.run(
        [PYTHON, "-c", BARE_WINDOW, "--memory"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(bare.stdout.split("maxrss_kib")[1].split()[0])


def memory() -> dict[str, float]:
    """Peak RSS (MiB) of the desk with the wizard shown and of the bare window; ratio."""
    with tempfile.TemporaryDirectory(prefix="tamin-desk-bench-") as home:
        env = _env(home)
        desk = _last_json_line([PYTHON, "-c", DESK_MEMORY_PROBE], env)
        bare_kib = _bare_maxrss_kib(env)
    if not desk["wizard_shown"]:
        raise RuntimeError(f"the wizard was not shown: {desk}")
    return {
        "memory_app_mib": round(desk["maxrss_kib"] / 1024, 1),
        "memory_bare_mib": round(bare_kib / 1024, 1),
        "memory_ratio": round(desk["maxrss_kib"] / bare_kib, 2),
        "memory_backend_built_at_wizard": desk["backend_built"],
    }


def stall(runs: int = STALL_RUNS) -> dict[str, float]:
    """Median over ``runs`` probes of the longest stall (ms) during a PRODUCTION-hashed
    registration, of the idle noise floor, and of the submit-to-SMS time."""
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="tamin-desk-bench-") as home:
            result = _last_json_line(
                [PYTHON, "-c", "from bench.bench_gui import stall_probe; stall_probe()"],
                _env(home),
            )
        if not result["submitted"]:
            raise RuntimeError(f"the registration did not go through: {result}")
        results.append(result)
    numbers = {
        key: statistics.median(r[key] for r in results)
        for key in ("max_stall_ms", "idle_stall_ms", "submit_ms")
    }
    with tempfile.TemporaryDirectory(prefix="tamin-desk-bench-") as home:
        bare_kib = _bare_maxrss_kib(_env(home))
    after = statistics.median(r["maxrss_kib"] for r in results)
    numbers["memory_after_submit_mib"] = round(after / 1024, 1)
    numbers["memory_after_submit_ratio"] = round(after / bare_kib, 2)
    return numbers


def run() -> dict[str, float]:
    """All three measurements (see the module docstring)."""
    return {**startup(), **memory(), **stall()}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
