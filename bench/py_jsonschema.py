#!/usr/bin/python3
"""py_jsonschema.py - benchmark peer: Python's jsonschema package.

    python3 bench/py_jsonschema.py [--multi] [--pointer /$defs/session] SCHEMA FILE

The validator class is the one the schema's "$schema" names (draft 2020-12,
draft-04, ...: jsonschema.validators.validator_for), with its format checker
(formats whose optional helper packages are missing are not checked).  The
input is read whole and json.load()ed; --multi takes one value per line
(NDJSON); --pointer makes a subschema the root (the schema keeps its
definitions and gets {"$ref": "#<pointer>"} as its root).  Debian package
python3-jsonschema; the shebang is Debian's python3, where apt installs it.

Prints nothing and exits 0 when valid; one line and exit 1 when not; exit 2
on usage, I/O or schema errors.
"""
import json
import sys

try:
    import jsonschema
    from jsonschema import validators
except ImportError:
    sys.stderr.write("py_jsonschema: the jsonschema module is missing (Debian: python3-jsonschema)\n")
    sys.exit(2)


def main(argv):
    multi = False
    pointer = None
    args = list(argv)
    while args and args[0].startswith("--"):
        a = args.pop(0)
        if a == "--multi":
            multi = True
        elif a == "--pointer" and args:
            pointer = args.pop(0)
        else:
            args = []
            break
    if len(args) != 2:
        sys.stderr.write("usage: py_jsonschema.py [--multi] [--pointer P] SCHEMA FILE\n")
        return 2
    schema_path, input_path = args
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        sys.stderr.write(f"py_jsonschema: {schema_path}: {e}\n")
        return 2
    if pointer:
        root = {"$ref": "#" + pointer}
        for k in ("$schema", "$id", "id", "$defs", "definitions"):
            if k in schema:
                root[k] = schema[k]
        schema = root

    cls = validators.validator_for(schema)
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        sys.stderr.write(f"py_jsonschema: {schema_path}: {e.message}\n")
        return 2
    checker = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
    validator = cls(schema, format_checker=checker)

    try:
        with open(input_path, "rb") as f:
            data = f.read()
    except OSError as e:
        sys.stderr.write(f"py_jsonschema: {input_path}: {e}\n")
        return 2

    docs = [ln for ln in data.split(b"\n") if ln.strip()] if multi else [data]
    for i, doc in enumerate(docs):
        try:
            value = json.loads(doc)
        except ValueError as e:
            print(f"document {i}: invalid JSON: {e}")
            return 1
        err = next(validator.iter_errors(value), None)
        if err is not None:
            where = "/" + "/".join(str(p) for p in err.absolute_path)
            print(f"document {i}: {where}: {err.message[:200]} ({err.validator})")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
