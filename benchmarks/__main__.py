from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    here = Path(__file__).parent
    names = sys.argv[1:] or sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)])
                                   if m.name.startswith("bench_"))
    for name in names:
        mod = importlib.import_module(f"benchmarks.bench_{name}")
        result = mod.main([])
        print(json.dumps({"benchmark": name, **result}, indent=1))


if __name__ == "__main__":
    main()
