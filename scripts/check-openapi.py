#!/usr/bin/env python3
"""Checks openapi.yaml: an OpenAPI 3.1 document whose every $ref resolves, every operation
has responses, and every {parameter} of a path is declared as a path parameter."""
import re
import sys

import yaml

def fail(message):
    print(f"openapi.yaml: {message}", file=sys.stderr)
    sys.exit(1)

path = sys.argv[1] if len(sys.argv) > 1 else "openapi.yaml"
with open(path, encoding="utf-8") as handle:
    spec = yaml.safe_load(handle)

if not str(spec.get("openapi", "")).startswith("3.1"):
    fail("must declare openapi: 3.1.x")
for key in ("title", "version"):
    if not spec.get("info", {}).get(key):
        fail(f"info.{key} is missing")

def resolve(ref):
    if not ref.startswith("#/"):
        fail(f"external $ref {ref} is not allowed")
    node = spec
    for part in ref[2:].split("/"):
        if not isinstance(node, dict) or part not in node:
            fail(f"$ref {ref} does not resolve")
        node = node[part]
    return node

def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                resolve(value)
            else:
                walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)

walk(spec)
methods = {"get", "post", "put", "patch", "delete"}
count = 0
for route, item in spec.get("paths", {}).items():
    declared_in_path = set(re.findall(r"{(\w+)}", route))
    for method, operation in item.items():
        if method not in methods:
            fail(f"{route}: unknown key {method}")
        if not operation.get("responses"):
            fail(f"{method.upper()} {route} has no responses")
        params = [resolve(p["$ref"]) if "$ref" in p else p for p in operation.get("parameters", [])]
        in_path = {p["name"] for p in params if p.get("in") == "path"}
        if in_path != declared_in_path:
            fail(f"{method.upper()} {route}: path parameters {sorted(in_path)} do not match {sorted(declared_in_path)}")
        count += 1
print(f"openapi.yaml: valid OpenAPI {spec['openapi']}, {count} operations")
