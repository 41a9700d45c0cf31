#!/usr/bin/env python3
"""Flattens test-vectors/*.json for the C test runner: one "key<TAB>value" line per leaf, nested keys joined
with ".", a line "--" after each vector. (The C side then needs no JSON parser.)"""
import json
import sys


def leaves(prefix, value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            leaves(prefix + "." + k if prefix else k, v, out)
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value)
        if "\n" in text or "\t" in text:
            raise SystemExit("flatten: unexpected tab or newline in " + prefix)
        out.append(prefix + "\t" + text)


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for vector in doc["vectors"]:
        lines = []
        leaves("", vector, lines)
        print("\n".join(lines))
        print("--")
