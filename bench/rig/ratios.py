#!/usr/bin/env python3
"""Prints openrouter-cpp's rig results as ratios to the peers and to the C floor (rawclient),
all from the same results file (one session of bench/rig/run.sh), as Markdown tables.

    python3 bench/rig/ratios.py /tmp/openrouter-rig/results.json

Per case: the median of the runs (as the rig computes it) and the min-max of the key metric.
CPU per event is the client's CPU time of the timed section (`cpu_s`; rawclient: user+sys of
the process) over the events it received; RSS per stream is the rig's
(peak RSS - RSS before the timed section) / K.
"""
import json
import sys

US = "openrouter-cpp"
PEERS = ("openai-node", "openrouter-sdk")


def load(path):
    with open(path) as f:
        d = json.load(f)
    return d, {c["name"]: c for c in d["cases"]}


def med(cases, name, key):
    c = cases.get(name)
    return None if c is None else c["median"].get(key)


def rng(cases, name, key=None):
    """Min-max of the case's key metric over its runs (its unit named when it is not `key`)."""
    c = cases.get(name)
    if not c or not c.get("spread"):
        return ""
    s = c["spread"]
    unit = "" if key is None or c["key_metric"] == key else " " + c["key_metric"].replace("MBps", "MB/s")
    return f"{fmt(s['min'])}-{fmt(s['max'])}{unit}"


def fmt(v, digits=None):
    if v is None:
        return "-"
    if digits is not None:
        return f"{v:,.{digits}f}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:,.1f}"
    return f"{v:,.2f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    r = a / b
    return f"{r:.1f}x" if r >= 1.95 else f"{r:.2f}x"


def pct(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{100 * a / b:.1f} %"


def cpu_s(cases, name):
    v = med(cases, name, "cpu_s")
    if v is None:
        u, s = med(cases, name, "user_s"), med(cases, name, "sys_s")
        v = None if u is None or s is None else u + s
    return v


def cpu_us_per(cases, name, events):
    v = cpu_s(cases, name)
    return None if v is None or not events else v / events * 1e6


def stream_table(cases, q):
    n = q["n"]
    events = n + 2
    floor = "rawclient-stream-sse"
    rows = [("openrouter-cpp", f"{US}-stream"), ("openai-node", "openai-node-stream"),
            ("@openrouter/sdk", "openrouter-sdk-stream"), ("Python requests + json", "py-requests-sse-stream"),
            ("curl (no parsing)", "curl-stream"), ("C floor, SSE scan", floor),
            ("C floor, chunk walk only", "rawclient-stream-noparse")]
    ours = med(cases, f"{US}-stream", "chunks_per_s")
    print(f"### One stream, N={n:,} chunks (key metric: chunks/s)\n")
    print("| client | chunks/s | range | MB/s | openrouter-cpp is | CPU us/event | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    for label, name in rows:
        if name not in cases:
            continue
        cps = med(cases, name, "chunks_per_s")
        sse_bytes = med(cases, f"{US}-stream", "sse_bytes")
        if cps is None and med(cases, name, "MBps") is not None and sse_bytes:
            cps = med(cases, name, "MBps") * 1e6 * events / sse_bytes  # curl reports MB/s only
        r = "-" if name == f"{US}-stream" else (ratio(ours, cps) if name.startswith(("open", "py", "curl"))
                                                 else pct(ours, cps) + " of it")
        rr = rng(cases, name, "chunks_per_s")
        print(f"| {label} | {fmt(cps)} | {rr} | {fmt(med(cases, name, 'MBps'))} | {r} | "
              f"{fmt(cpu_us_per(cases, name, events), 2)} | {fmt((med(cases, name, 'maxrss_kb') or 0) / 1024, 1)} |")
    print()


def concurrent_table(cases, q):
    m = q["m"]
    print(f"### K concurrent streams of M={m} chunks, one process (key metric: streams/s)\n")
    print("| K | client | streams/s | range | openrouter-cpp is | CPU us/event | peak RSS MiB | RSS KiB/stream |")
    print("|---|---|---|---|---|---|---|---|")
    for k in q["ks"]:
        ours = med(cases, f"{US}-concurrent-k{k}", "streams_per_s")
        for label, name in (("openrouter-cpp", f"{US}-concurrent-k{k}"), ("openai-node", f"openai-node-concurrent-k{k}"),
                            ("@openrouter/sdk", f"openrouter-sdk-concurrent-k{k}"),
                            ("C floor", f"rawclient-concurrent-k{k}")):
            if name not in cases:
                continue
            v = med(cases, name, "streams_per_s")
            r = "-" if label == "openrouter-cpp" else (pct(ours, v) + " of it" if label == "C floor" else ratio(ours, v))
            print(f"| {k:,} | {label} | {fmt(v)} | {rng(cases, name)} | {r} | "
                  f"{fmt(cpu_us_per(cases, name, k * (m + 2)), 2)} | "
                  f"{fmt((med(cases, name, 'maxrss_kb') or 0) / 1024, 1)} | {fmt(med(cases, name, 'rss_per_stream_kb'))} |")
    print()


def paced_table(cases, q):
    k, m, gap = q["paced"]
    ideal = (m + 3) * gap / 1000
    print(f"### K={k:,} paced streams of M={m} chunks, one event every {gap} ms (key metric: wall s; "
          f"ideal {ideal:.2f} s)\n")
    print("| client | wall s | range | over ideal | CPU us/event | peak RSS MiB | RSS KiB/stream |")
    print("|---|---|---|---|---|---|---|")
    for label, name in (("openrouter-cpp", f"{US}-paced-k{k}"), ("openai-node", f"openai-node-paced-k{k}"),
                        ("@openrouter/sdk", f"openrouter-sdk-paced-k{k}"), ("C floor", f"rawclient-paced-k{k}")):
        if name not in cases:
            continue
        w = med(cases, name, "wall_s")
        print(f"| {label} | {fmt(w, 3)} | {rng(cases, name)} | {pct(w - ideal, ideal) if w else '-'} | "
              f"{fmt(cpu_us_per(cases, name, k * (m + 2)), 1)} | {fmt((med(cases, name, 'maxrss_kb') or 0) / 1024, 1)} | "
              f"{fmt(med(cases, name, 'rss_per_stream_kb'))} |")
    print()


def nonstream_table(cases, q):
    r, c = q["r"], q["c"]
    ours = med(cases, f"{US}-nonstream", "req_per_s")
    print(f"### Non-streaming: R={r:,} requests, {c} in flight, keep-alive (key metric: req/s)\n")
    print("| client | req/s | range | openrouter-cpp is | p50 ms | p99 ms | CPU us/request | peak RSS MiB | TCP conns |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, name in (("openrouter-cpp", f"{US}-nonstream"), ("openai-node", "openai-node-nonstream"),
                        ("@openrouter/sdk", "openrouter-sdk-nonstream"), ("C floor", "rawclient-nonstream")):
        if name not in cases:
            continue
        v = med(cases, name, "req_per_s")
        rr = "-" if label == "openrouter-cpp" else (pct(ours, v) + " of it" if label == "C floor" else ratio(ours, v))
        print(f"| {label} | {fmt(v)} | {rng(cases, name)} | {rr} | {fmt(med(cases, name, 'p50_ms'), 2)} | "
              f"{fmt(med(cases, name, 'p99_ms'), 2)} | {fmt(cpu_us_per(cases, name, r), 0)} | "
              f"{fmt((med(cases, name, 'maxrss_kb') or 0) / 1024, 1)} | {fmt(med(cases, name, 'server_connections'), 0)} |")
    print()


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: ratios.py RESULTS.json")
    d, cases = load(sys.argv[1])
    meta = d["meta"]
    q = meta["params"]
    mach = meta["machine"]
    print(f"Session {meta['date']}, preset {meta['preset']}, {meta['repeats']} repeats; "
          f"{mach['cpus']} CPUs ({mach['cpu_model']}), {mach['mem_gib']} GiB, kernel {mach['kernel']}; "
          f"openrouter-cpp {meta['versions'].get(US)}, openai {meta['versions'].get('openai')}, "
          f"@openrouter/sdk {meta['versions'].get('@openrouter/sdk')}, node {meta['versions'].get('node')}.")
    probe = meta.get("cpu_probe_ms") or {}
    print(f"CPU probe (fixed workload before each run): median {probe.get('median')} ms, "
          f"{probe.get('min')}-{probe.get('max')}; host steal {meta.get('steal_s_total')} s in total.")
    if d.get("floor"):
        f = d["floor"]
        print(f"Floor: memcpy {f.get('memcpy_GBps')} GB/s, loopback TCP {f.get('tcp_loopback_GBps')} GB/s.")
    print()
    stream_table(cases, q)
    concurrent_table(cases, q)
    paced_table(cases, q)
    nonstream_table(cases, q)


if __name__ == "__main__":
    main()
