#!/usr/bin/env bash
# Make (once) a virtualenv at $1 holding the real brel XBRL reader for tests/test_xbrl_clients.py.
# brel-xbrl pins old lxml, pandas, requests... and pyspark, so it cannot join the [test] extra: it is installed
# here without its pins, with the packages it imports when it opens a filing. Its top module imports pyspark (for a
# Spark export this project never calls): pyspark-client, the Python-only PySpark distribution, provides it
# without the 300 MB of Spark jars. Prints the venv's python; exits non-zero (with pip's message) if it cannot.
set -eu
venv=${1:?usage: ensure_brel.sh VENV_DIR}
spec="brel-xbrl==0.8.2a1 pyspark-client==4.2.0 | lxml pandas requests python-dateutil prettytable rich"
if [ "$(cat "$venv/.e2x-spec" 2>/dev/null)" != "$spec" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps brel-xbrl==0.8.2a1 pyspark-client==4.2.0
    "$venv/bin/python" -m pip install -q --disable-pip-version-check lxml pandas requests python-dateutil prettytable rich
    "$venv/bin/python" -c "import brel" >/dev/null
    echo "$spec" > "$venv/.e2x-spec"
fi
echo "$venv/bin/python"
