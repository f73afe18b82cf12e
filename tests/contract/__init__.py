"""Contract tests: written against desktop.service.interface only; every backend must pass."""
