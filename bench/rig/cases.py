#!/usr/bin/env python3
"""Runs the shared benchmark rig (../shared/rig/bench.py) with openrouter-cpp's client
(bench/rig_client.cpp) side by side with the peers, in one session.

The rig stays untouched: this script imports its bench.py as a module, wraps build_cases() to
append our cases (same parameters as the peers' cases of each group), and calls its main() with
the given arguments (--quick, --repeats, --only, --out, ...). Usually started by run.sh, which
builds everything first.

Environment:
  RIG_DIR                the rig (default: ../shared/rig relative to the repository)
  OPENROUTER_RIG_CLIENT  our client executable (default: /tmp/build-bench/bench/bench_rig_client)
  RIG_BUILD, RIG_NODE    as for the rig (its C programs; the npm prefix of the Node peers)
Results default to /tmp/openrouter-rig/results.json (the rig's own default is inside the
read-only rig folder).
"""
import importlib.util
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RIG_DIR = os.path.abspath(os.environ.get("RIG_DIR") or os.path.join(REPO, "..", "shared", "rig"))
CLIENT = os.environ.get("OPENROUTER_RIG_CLIENT") or "/tmp/build-bench/bench/bench_rig_client"
DEFAULT_OUT = "/tmp/openrouter-rig/results.json"
NAME = "openrouter-cpp"


def load_rig():
    path = os.path.join(RIG_DIR, "bench.py")
    if not os.path.isfile(path):
        raise SystemExit(f"cases.py: no rig at {RIG_DIR} (set RIG_DIR)")
    spec = importlib.util.spec_from_file_location("rig_bench", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def our_cases(port, q):
    """The openrouter-cpp cases, with the parameters of the peers' cases in each group."""
    N, M, R, C = q["n"], q["m"], q["r"], q["c"]
    out = []

    def add(name, group, args, key, timeout=600, **params):
        cmd = [CLIENT, *args, "--timeout", timeout - 10]
        out.append({"name": name, "group": group, "cmd": [str(x) for x in cmd], "key": key,
                    "timeout": timeout, "params": params})

    P = ["--port", port]
    add(f"{NAME}-stream", "stream", ["--mode", "stream", *P, "--n", N], "chunks_per_s", n=N, size=4)
    for k in q["ks"]:
        add(f"{NAME}-concurrent-k{k}", "concurrent", ["--mode", "concurrent", *P, "--k", k, "--m", M],
            "streams_per_s", k=k, m=M)
    pk, pm, pg = q["paced"]
    add(f"{NAME}-paced-k{pk}", "paced", ["--mode", "concurrent", *P, "--k", pk, "--m", pm, "--gap", pg],
        "wall_s", k=pk, m=pm, gap_ms=pg)
    add(f"{NAME}-nonstream", "nonstream", ["--mode", "nonstream", *P, "--r", R, "--c", C], "req_per_s",
        r=R, c=C)
    return out


def merge(cases, ours):
    """Each of our cases goes right after the last rig case with the same group and k."""
    merged = list(cases)
    for c in ours:
        at = len(merged)
        for i, r in enumerate(merged):
            if r["group"] == c["group"] and r["params"].get("k") == c["params"].get("k"):
                at = i + 1
        merged.insert(at, c)
    return merged


def our_version():
    try:
        rev = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = ""
    return rev or None


def main():
    if not os.access(CLIENT, os.X_OK):
        raise SystemExit(f"cases.py: no client at {CLIENT} (build bench_rig_client, or set OPENROUTER_RIG_CLIENT)")
    rig = load_rig()
    rig_build_cases, rig_versions = rig.build_cases, rig.versions

    def build_cases(port, q):
        return merge(rig_build_cases(port, q), our_cases(port, q))

    def versions():
        v = rig_versions()
        v[NAME] = our_version()
        return v

    rig.build_cases = build_cases  # main() looks both up in the module at call time
    rig.versions = versions
    if not any(a == "--out" or a.startswith("--out=") for a in sys.argv[1:]):
        os.makedirs(os.path.dirname(DEFAULT_OUT), exist_ok=True)
        sys.argv += ["--out", DEFAULT_OUT]
    rig.main()


if __name__ == "__main__":
    main()
