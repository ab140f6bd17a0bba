"""``python -m benchmarks [NAME [OPTIONS...]]``: every benchmark, or one with its own options
(``python -m benchmarks scale --limit 200``)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    here = Path(__file__).parent
    available = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)])
                       if m.name.startswith("bench_"))
    args = sys.argv[1:]
    if args and args[0] in available:
        runs = [(args[0], args[1:])]  # one benchmark, the rest are its options
    elif args:
        sys.exit(f"benchmarks: unknown benchmark {args[0]!r} (one of {', '.join(available)})")
    else:
        runs = [(name, []) for name in available]
    for name, options in runs:
        mod = importlib.import_module(f"benchmarks.bench_{name}")
        result = mod.main(options)
        print(json.dumps({"benchmark": name, **result}, indent=1))


if __name__ == "__main__":
    main()
