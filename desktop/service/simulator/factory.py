"""A ready simulator (migrated, seeded) for :func:`desktop.service.bootstrap.build_service`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.branch.simulator import SimulatorBranch
from desktop.branch.training import SimulatorRoomControls
from desktop.paths import user_data_dir
from desktop.security.hashing import HashPolicy
from desktop.service.interface import ServiceConfig
from desktop.service.simulator.clock import Clock, SimulatedClock
from desktop.service.simulator.keys import SimulatorKeys
from desktop.service.simulator.seed import ensure_seeded
from desktop.service.simulator.service import SimulatorService
from desktop.service.simulator.training import SimulatorTraining
from desktop.service.simulator.unit_of_work import UnitOfWork
from models.database import Database, migrate, open_database

log = logging.getLogger(__name__)

#: The key file's name in the user data folder (override: ``config.extra["key_file"]``).
KEY_FILE_NAME = "simulator.key"


@dataclass
class Simulator:
    """A running simulator: the service, the trainer controls, and its database."""

    service: SimulatorService
    training: SimulatorTraining
    db: Database
    description: str
    branch: SimulatorBranch | None = None
    room: SimulatorRoomControls | None = None

    def close(self) -> None:
        """Release the database (a memory database is gone afterwards)."""
        self.db.dispose()


def _keys(db: Database, config: ServiceConfig) -> SimulatorKeys:
    if db.file is None and db.serialize:
        return SimulatorKeys.ephemeral()
    key_file = config.extra.get("key_file")
    path = Path(str(key_file)) if key_file else user_data_dir() / KEY_FILE_NAME
    return SimulatorKeys.load_or_create(path)


def build_simulator(
    url: str, hash_policy: HashPolicy, config: ServiceConfig, clock: Clock | None
) -> Simulator:
    """Open ``url`` (``sqlite:///PATH`` or ``sqlite://``), apply migrations up to head, seed
    it on first use, and wire the service. Raises OSError when the key file cannot be made,
    ``sqlalchemy.exc.OperationalError`` when the database file cannot be opened."""
    db = open_database(url)
    try:
        migrate(db)
        the_clock = clock if clock is not None else SimulatedClock()
        if ensure_seeded(db, the_clock.now()):
            log.info("simulator database seeded")
        uow = UnitOfWork(db, _keys(db, config), the_clock, config, hash_policy)
    except BaseException:
        db.dispose()
        raise
    name = db.file.name if db.file else "حافظه"
    return Simulator(
        service=SimulatorService(uow),
        training=SimulatorTraining(uow),
        db=db,
        description=f"شبیه‌ساز محلی: {name}",
        branch=SimulatorBranch(uow),
        room=SimulatorRoomControls(uow),
    )
