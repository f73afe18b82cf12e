"""Sub-commands of ``tamin-desk``, one module each (see :mod:`desktop.cli`)."""
