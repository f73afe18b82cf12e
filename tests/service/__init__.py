"""Tests of the simulator's own machinery: models, migrations, keys, seed, CLI, secrets at rest."""
