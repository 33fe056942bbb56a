#!/usr/bin/python3
"""The v8 export against the vendor's OpenAPI document of v8.1.

    tests/differential/spec.py [SPEC]

SPEC defaults to $SV_VENDOR_SPEC, else ../shared/vendor/
vbaz_rest_v8.1.jobSessions.json beside the repository (the excerpt the
v8 tables were written from); without it the check is skipped.

Walks components.schemas PageOfJobSession, JobSession and JobSessionLog
(following $ref) beside $defs/page, session and log of
schema/jobsessions.v8.schema.json, and compares what both can say: the
members of every object, which are required, which may be null, their
JSON types, enum values, and additionalProperties (false, or a map's value
schema).  Formats, patterns and ranges are not compared: the export makes
them stricter on purpose (README, "The schema").
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

# Differences made on purpose, with the reason.
DELIBERATE = {
    "PageOfJobSession: additionalProperties True in the spec, False in the "
    "export":
        "the one v8.1 object without additionalProperties: false; sessval "
        "reports unknown members everywhere (a warning, an error with "
        "--strict), since drift is worth seeing",
}


def main(argv):
    spec_path = argv[0] if argv else os.environ.get("SV_VENDOR_SPEC") or \
        os.path.join(ROOT, "..", "shared", "vendor",
                     "vbaz_rest_v8.1.jobSessions.json")
    if not os.path.exists(spec_path):
        print(f"spec: {spec_path} not found, v8 export not compared with "
              "the vendor's OpenAPI document")
        return 0
    spec = json.load(open(spec_path))
    comps = spec["components"]["schemas"]
    export = json.load(open(os.path.join(ROOT, "schema",
                                         "jobsessions.v8.schema.json")))
    defs = export["$defs"]
    problems = []
    seen = {"objects": 0, "members": 0}

    def vresolve(s):
        """(schema, nullable) of a vendor schema, $ref followed."""
        if "$ref" in s:
            t = comps[s["$ref"].split("/")[-1]]
            return t, bool(t.get("nullable"))
        return s, bool(s.get("nullable"))

    def eresolve(s):
        """(schema, nullable, types) of an export schema: $ref followed,
        {"anyOf": [X, {"type": "null"}]} unwrapped."""
        nullable = False
        if "anyOf" in s and {"type": "null"} in s["anyOf"] and \
                "type" not in s:
            rest = [x for x in s["anyOf"] if x != {"type": "null"}]
            nullable = True
            if len(rest) == 1:
                s = rest[0]
        while "$ref" in s:
            s = defs[s["$ref"].split("/")[-1]]
        t = s.get("type")
        types = set([t] if isinstance(t, str) else t or [])
        if "null" in types:
            nullable = True
            types.discard("null")
        if "anyOf" in s and not types:  # one branch per type
            for b in s["anyOf"]:
                if b != {"type": "null"}:
                    types.add(b.get("type"))
        return s, nullable, types

    def compare(where, v, e):
        v, _ = vresolve(v)
        e, _, _ = eresolve(e)
        if v.get("type") == "array":
            if "items" in v:
                compare(where + "[]", v["items"], e.get("items", {}))
            return
        if v.get("type") != "object":
            return
        seen["objects"] += 1
        vp, ep = v.get("properties", {}), e.get("properties", {})
        va, ea = v.get("additionalProperties", True), \
            e.get("additionalProperties", True)
        if not vp and isinstance(va, dict) and isinstance(ea, dict):
            # a map: the export names some keys (self, log: the link
            # checks read them); each must be the map's value schema
            for name in sorted(ep):
                seen["members"] += 1
                es, enull, etypes = eresolve(ep[name])
                if enull or etypes != {"object"}:
                    problems.append(f"{where}.{name}: not a map value")
                compare(f"{where}.{name}", va, ep[name])
            ep = {}
        if set(vp) != set(ep):
            problems.append(f"{where}: members {sorted(vp)} in the spec, "
                            f"{sorted(ep)} in the export")
        vr, er = set(v.get("required", [])), set(e.get("required", []))
        if vr != er:
            problems.append(f"{where}: required {sorted(vr)} in the spec, "
                            f"{sorted(er)} in the export")
        if isinstance(va, dict):
            if not isinstance(ea, dict):
                problems.append(f"{where}: a map in the spec, not in the "
                                f"export")
            else:
                compare(where + "{*}", va, ea)
        elif va != ea:
            problems.append(f"{where}: additionalProperties {va} in the "
                            f"spec, {ea} in the export")
        for name in sorted(set(vp) & set(ep)):
            seen["members"] += 1
            w = f"{where}.{name}"
            vs, vnull = vresolve(vp[name])
            es, enull, etypes = eresolve(ep[name])
            if vnull != enull:
                problems.append(f"{w}: nullable {vnull} in the spec, "
                                f"{enull} in the export")
            vtype = vs.get("type")
            if vtype and {vtype} != etypes:
                problems.append(f"{w}: type {vtype} in the spec, "
                                f"{sorted(etypes)} in the export")
            if "enum" in vs:
                ev = [x for x in es.get("enum", []) if x is not None]
                if sorted(vs["enum"]) != sorted(ev):
                    problems.append(f"{w}: enum differs: only in the spec "
                                    f"{sorted(set(vs['enum']) - set(ev))}, "
                                    f"only in the export "
                                    f"{sorted(set(ev) - set(vs['enum']))}")
            compare(w, vp[name], ep[name])

    for vname, ename in (("PageOfJobSession", "page"),
                         ("JobSession", "session"),
                         ("JobSessionLog", "log")):
        compare(vname, {"$ref": "#/components/schemas/" + vname},
                {"$ref": "#/$defs/" + ename})
    accepted = [p for p in problems if p in DELIBERATE]
    problems = [p for p in problems if p not in DELIBERATE]
    for p in accepted:
        print(f"spec: deliberate: {p} ({DELIBERATE[p]})")
    for p in problems:
        print("spec:", p)
    print(f"spec: schema/jobsessions.v8.schema.json against "
          f"{os.path.basename(spec_path)}: {seen['objects']} objects, "
          f"{seen['members']} members compared (members, required, "
          f"nullable, types, enums, additionalProperties), "
          f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
