#!/usr/bin/env bash
# System packages and services the tests need (Debian): run as root in CI and by `make test`.
set -euo pipefail
exit 0
