#!/usr/bin/env python3
"""Validates SARIF logs against the published SARIF 2.1.0 JSON schema beside this script.

Usage: validate.py LOG.sarif...  (exit 0: all valid; 1: a log is invalid; 2: cannot run)
Needs the `jsonschema` package from PyPI (`pip install jsonschema`; .ci/run installs it).
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("validate.py: the Python package 'jsonschema' is missing (pip install jsonschema)", file=sys.stderr)
    sys.exit(2)

SCHEMA = pathlib.Path(__file__).with_name("sarif-schema-2.1.0.json")


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    invalid = 0
    for path in paths:
        log = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
        if errors:
            invalid += 1
        else:
            print(f"{path}: valid SARIF {log.get('version')} ({sum(len(r.get('results', [])) for r in log.get('runs', []))} results)")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
