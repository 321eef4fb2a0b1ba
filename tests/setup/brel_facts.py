"""Run in brel's virtualenv (tests/setup/ensure_brel.sh): for each folder given, print the facts brel loads from the
XBRL instance in it and how many of them have a dimension, as one JSON object {folder: [facts, dimensional]}."""

import json
import sys

import brel

counts = {}
for folder in sys.argv[1:]:
    facts = brel.Filing.open(folder).get_all_facts()
    counts[folder] = [len(facts), sum(1 for f in facts if any(not a.is_core() for a in f.get_context().get_aspects()))]
print(json.dumps(counts))
