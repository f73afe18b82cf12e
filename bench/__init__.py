"""Benchmarks: `make bench` writes one flat JSON object to bench/results.json."""
