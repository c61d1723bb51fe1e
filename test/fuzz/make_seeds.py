#!/usr/bin/env python3
# Writes the seed corpora of test/fuzz/corpus/<target>/ from the string literals of the unit
# tests and the emulator (the fixtures the rest of the suite uses), plus a few hand-made inputs.
# Run from the repository root: python3 test/fuzz/make_seeds.py. Deterministic; small files.
import hashlib, os, re, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test/fuzz/corpus")
LIT = re.compile(r'R"([^(\s]*)\((.*?)\)\1"|"((?:[^"\\\n]|\\.)*)"', re.S)


def unescape(s):
    out, i = bytearray(), 0
    simple = {"n": 10, "r": 13, "t": 9, "0": 0, '"': 34, "\\": 92, "'": 39, "b": 8, "f": 12, "v": 11, "a": 7, "?": 63}
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        n = s[i + 1]
        if n == "x":
            m = re.match(r"[0-9a-fA-F]{1,2}", s[i + 2:])
            out.append(int(m.group(0), 16))
            i += 2 + len(m.group(0))
        elif n in "01234567" and re.match(r"[0-7]{1,3}", s[i + 1:]):
            m = re.match(r"[0-7]{1,3}", s[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            out.append(simple.get(n, ord(n)))
            i += 2
    return bytes(out)


def literals(*paths):
    for p in paths:
        text = open(os.path.join(ROOT, p), encoding="utf-8").read()
        for m in LIT.finditer(text):
            if m.group(2) is not None:
                yield m.group(2).encode()
            else:
                try:
                    yield unescape(m.group(3))
                except Exception:
                    pass


def write(target, items, limit=200):
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    seen = set()
    for b in items:
        if b in seen or len(b) > 16384:
            continue
        seen.add(b)
        open(os.path.join(d, hashlib.sha1(b).hexdigest()[:16]), "wb").write(b)
        if len(seen) >= limit:
            break


def jsonish(b):
    return b.lstrip()[:1] in (b"{", b"[")


chunks = [b for b in literals("test/unit/json/chunk_decoder_fixtures.hpp", "test/unit/json/chunk_decoder.cpp",
                              "test/unit/json/chunk_decoder_edges.cpp", "test/unit/json/chunk_scan.cpp",
                              "test/unit/json/chunk_scan_harness.hpp") if jsonish(b)]
write("chunk", chunks + [b"\0".join(chunks[i:i + 4]) for i in range(0, len(chunks), 4)])

sse_lits = [b for b in literals("test/unit/sansio/sse.cpp", "test/unit/sansio/sse_model.cpp",
                                "test/emulator/sse_writer.cpp")
            if b"data" in b or b"event" in b or b"retry" in b or b":" in b[:1]]
prefixes = [bytes([k, p]) + b"\x11\x22\x33\x44\x55\x66\x77\x88" for k, p in ((5, 7), (3, 1), (7, 63), (2, 3))]
write("sse", [prefixes[i % 4] + b for i, b in enumerate(sse_lits)])

completions = [b for b in literals("test/unit/model/chat_completion.cpp", "test/unit/json/walker.cpp",
                                   "test/emulator/replies.cpp") if jsonish(b)] \
    if os.path.exists(os.path.join(ROOT, "test/unit/model/chat_completion.cpp")) else []
completions += [b for b in literals("test/emulator/replies.cpp") if jsonish(b)]
write("chat_completion", completions + [completions[i] + b"\0" + completions[i + 1] for i in range(0, len(completions) - 1, 3)])

errors = [b for b in literals("test/unit/sansio/classify.cpp", "test/emulator/replies.cpp", "test/emulator/http_reply.cpp")
          if b"error" in b and jsonish(b)]
heads = [b"\x01\x00", b"\xad\x01", b"\x1d\x00", b"\x03\x00", b"\x94\x00"]  # 401, 429 ... (see classify.cpp)
write("classify", [heads[i % 5] + b"120\0" + b"1500\0" + e if i % 2 else heads[i % 5] + e for i, e in enumerate(errors)])

resp = [b for b in literals("test/emulator/api_responses.cpp", "test/unit/stream/chat_delta.cpp") if jsonish(b)]
names = [b"", b"response.created", b"response.output_text.delta", b"response.completed", b"error"]
write("responses_event", [names[i % 5] + b"\0" + r for i, r in enumerate(resp)] + [
    b'\0{"type":"response.output_text.delta","sequence_number":3,"delta":"Hi"}',
    b'\0{"type":"response.completed","sequence_number":9,"response":{"id":"resp_1","object":"response","status":"completed","output":[{"type":"message","id":"m1","role":"assistant","content":[{"type":"output_text","text":"Hi"}]}]}}',
    b'\0{"type":"error","code":"429","message":"slow down","param":null}',
])

bodies = [b'{"id":"gen-1","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}',
          b'{"error":{"code":429,"message":"Rate limit exceeded","metadata":{"provider_name":"OpenAI"}}}']
http = []
for status, ct, extra, body in ((200, b"application/json", b"", bodies[0]), (429, b"application/json", b"Retry-After: 7\r\n", bodies[1]),
                                (503, b"text/html", b"retry-after-ms: 1500\r\n", b"<html>busy</html>"),
                                (200, b"text/event-stream; charset=utf-8", b"", b"data: {}\n\n"),
                                (403, b"application/json", b"Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n", b'{"error":{"code":403,"message":"flagged","metadata":{"reasons":["x"],"flagged_input":"y"}}}')):
    reason = {200: b"OK", 429: b"Too Many Requests", 503: b"Service Unavailable", 403: b"Forbidden"}[status]
    head = b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n" % (status, reason, ct, extra, len(body))
    http.append(b"\x01\x07" + head + body)
    chunked = b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\n%sTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (
        status, reason, ct, extra, len(body), body)
    http.append(b"\x00\x03" + chunked)
http.append(b"\x00\x05HTTP/1.1 204 No Content\r\n\r\n")
http.append(b"\x01\x1fHTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{}")
write("http_head", http)

urls = [b for b in literals("test/unit/sansio/endpoint.cpp", "test/unit/core/client_options.cpp")
        if b.startswith((b"http", b"ftp", b"HTTP", b"//"))] if os.path.exists(os.path.join(ROOT, "test/unit/sansio/endpoint.cpp")) else []
urls += [b"https://openrouter.ai/api/v1", b"http://127.0.0.1:8080/api/v1/", b"http://[::1]:9/x", b"https://h:443",
         b"https://openrouter.ai/api/v1\0cursor\0a b&c=d\0/models"]
write("base_url", urls)

dates = [b for b in literals("test/unit/sansio/classify.cpp") if re.match(rb"^\s*(\d+(\.\d+)?|[A-Z][a-z]+,? .*\d)\s*$", b)]
write("retry_after", [bytes([i % 2]) + d for i, d in enumerate(dates)] + [
    b"\x00120", b"\x00Wed, 21 Oct 2015 07:28:00 GMT", b"\x00Sunday, 06-Nov-94 08:49:37 GMT", b"\x00Sun Nov  6 08:49:37 1994",
    b"\x00Fri, 31 Dec 9999 23:59:59 GMT", b"\x011500", b"\x01 2.5 ", b"\x001e3"])
