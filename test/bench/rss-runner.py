"""Runs benchmark commands for test/bench/cli-bench.ts and reports each one's wall time and peak RSS.

One long-lived process: the harness writes one JSON line per command ({"argv": [...], "env": {...}}) and reads one
JSON line back ({"ms", "maxrssKiB", "code", "stdout"}). The time is taken here, from fork to reaped, so neither
Python's nor the harness's own start-up is in it. The peak RSS is the child's ru_maxrss from wait4 (KiB on
Linux): the forked child is this small Python until execve, far below any Node's peak, so the maximum is the
command's own.
"""
import json
import os
import sys
import time


def run(argv, env):
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.dup2(write_end, 1)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    elapsed = (time.perf_counter() - started) * 1000
    code = os.waitstatus_to_exitcode(status)
    return {"ms": elapsed, "maxrssKiB": usage.ru_maxrss, "code": code, "stdout": b"".join(chunks).decode("utf-8", "replace")}


for line in sys.stdin:
    request = json.loads(line)
    sys.stdout.write(json.dumps(run(request["argv"], request["env"])) + "\n")
    sys.stdout.flush()
