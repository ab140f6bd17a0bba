"""Benchmarks: `python -m benchmarks [NAME ...]` runs benchmarks/bench_NAME.py.

Each module has ``main(argv: list[str]) -> dict`` and prints its figures. Speed is always
reported as a ratio against a baseline measured in the same run, never as a timed assert.
"""
