"""Tests of the pure field rules (desktop.rules), the messages catalog and `tamin-desk check`."""
