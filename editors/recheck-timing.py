#!/usr/bin/env python3
"""Times `goalspec lsp` re-checking each bundled spec as it is typed.

For every spec in Specs/ it opens the file (which reads its data once), then sends N edits
(didChange with the whole text, as VS Code's full sync does) followed by a hover request,
and reports the wall time per edit, from the first didChange to the hover's answer divided
by N: framing, JSON, parse, check and evaluation from the cached data scans, and publishing
the diagnostics. Usage: python3 editors/recheck-timing.py [GOALSPEC] [N]
"""
import json, os, subprocess, sys, time, glob, statistics

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/goalspec"
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 20
server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def send(message):
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))

def until(predicate):
    while True:
        message = receive()
        if predicate(message):
            return message

send({"id": 0, "method": "initialize", "params": {"capabilities": {}}})
until(lambda m: m.get("id") == 0)
per_edit = {}
for i, spec in enumerate(sorted(glob.glob("Specs/*.goal"))):
    uri = "file://" + os.path.abspath(spec)
    text = open(spec, encoding="utf-8").read()
    send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "goalspec", "version": 1, "text": text}}})
    until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    start = time.perf_counter()
    for n in range(edits):
        send({"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": n + 2},
              "contentChanges": [{"text": text + "\n# typing %d\n" % n}]}})
    send({"id": i + 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
    until(lambda m: m.get("id") == i + 1)
    per_edit[spec] = (time.perf_counter() - start) * 1000 / edits
send({"id": 999, "method": "shutdown"})
until(lambda m: m.get("id") == 999)
send({"method": "exit"})
server.wait()
for spec, ms in per_edit.items():
    print(f"{ms:7.1f} ms per edit  {spec}")
print(f"median {statistics.median(per_edit.values()):.1f} ms, max {max(per_edit.values()):.1f} ms per edit over {len(per_edit)} specs, {edits} edits each")
