#!/usr/bin/env python3
"""Where a chat message's latency goes, round by round, from ChatBench's per-message CSV.

    python3 bench/chat-legs.py helpdesk-ear/target/bench/h2/chat-latencies.csv [server-gc.log]
    python3 bench/chat-legs.py --write-lag /tmp/probe-out.csv
    python3 bench/chat-legs.py --server-marks /tmp/probe-out.csv

Without the probe (bench/chat-legs.patch, see docs/performance.md "Live chat") it prints each
timed round's p50/p99 and, given a server GC log written with
-Xlog:gc:file=F:time (add it through -Dit.server.args), how many of the round's 30 slowest
messages were in flight during a GC pause. With the probe applied the CSV also holds three legs
per message, all from System.nanoTime() (one monotonic clock for every process on the host):
  in   the shopper's send -> the frame reaching ChatSessions on a server worker thread
  srv  -> the agent's event handed to the agent socket (ingest, commit, staff feed)
  out  -> the bench's agent-stream listener seeing it (server IO thread, TCP, client threads)
The probe also appends, every 5 s, one line per agent event to /tmp/probe-out.csv (message id,
handed to the socket, the send's completion, the completing thread); --write-lag prints the
server's own share of "out" per round from it; --server-marks splits the server's part (the
shopper's frame reaching ChatSessions -> the agent's frame written) into the steps the probe marks,
per round: each step's p50 and p99, its mean among the round's 1 % slowest, and in how many of
those it was the largest step.
"""
import datetime
import math
import re
import sys


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, math.ceil(len(v) * p / 100) - 1)]


def rounds_of(rows):
    """Timed rounds: messages more than 10 s apart start a new round."""
    rows = sorted(rows)
    out = [[rows[0]]]
    for r in rows[1:]:
        if r[0] - out[-1][-1][0] > 10_000:
            out.append([r])
        else:
            out[-1].append(r)
    return out


def pauses_of(path):
    pauses = []
    for line in open(path):
        m = re.match(r"\[(\S+?)\].*?(Pause \S+.*?) (\d+\.\d+)ms$", line.strip())
        if m:
            end = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000
            pauses.append((end - float(m.group(3)), end, float(m.group(3))))
    return pauses


def write_lag(path):
    rows = []
    for line in open(path).read().split("\n"):
        if line:
            f = line.split(",")
            rows.append((int(f[1]) / 1e6, int(f[2]) / 1e6))
    # the same round split as the CSV's, on the server's clock (ms)
    for i, rd in enumerate(rounds_of(rows), 1):
        lag = [done - queued for queued, done in rd]
        print(f"round {i} (warm-up rounds included): {len(rd)} events, handed to the socket ->"
              f" written: p50 {pct(lag, 50):.2f} ms, p99 {pct(lag, 99):.2f} ms, max {max(lag):.2f} ms")


STEPS = ["frame -> send", "-> transaction", "look-up", "lock", "append", "flush", "staff feed",
         "commit", "publish", "write"]


def server_marks(path):
    """Per round, the steps of each agent event's server path (first messages included)."""
    rows = []
    for line in open(path).read().split("\n"):
        f = line.split(",")
        if len(f) < 15:
            continue
        queued, done, arrived = int(f[1]), int(f[2]), int(f[4])
        m = [int(x) for x in f[5:15]]
        if 0 in (m[0], m[4], m[8]):
            continue  # not a shopper's message through the staff feed
        steps = [m[0] - arrived, m[1] - m[0], m[2] - m[1], m[3] - m[2], m[4] - m[3], m[5] - m[4],
                 m[6] - m[5], m[8] - m[6], queued - m[8], done - queued]
        rows.append((arrived / 1e6, [x / 1e6 for x in steps]))
    for i, rd in enumerate(rounds_of(rows), 1):
        total = [sum(s) for _, s in rd]
        top = sorted(rd, key=lambda r: -sum(r[1]))[:max(1, len(rd) // 100)]
        print(f"round {i} (warm-up rounds included): {len(rd)} events, frame -> written:"
              f" p50 {pct(total, 50):.2f} ms, p99 {pct(total, 99):.2f} ms")
        for k, name in enumerate(STEPS):
            v = [s[k] for _, s in rd]
            mean_top = sum(s[k] for _, s in top) / len(top)
            largest = sum(max(range(len(STEPS)), key=lambda j: s[j]) == k for _, s in top)
            print(f"  {name:>14}: p50 {pct(v, 50):5.2f} ms, p99 {pct(v, 99):5.2f} ms;"
                  f" 1 % slowest: mean {mean_top:5.2f} ms, the largest step in {largest}")


def main():
    if sys.argv[1] == "--write-lag":
        write_lag(sys.argv[2])
        return
    if sys.argv[1] == "--server-marks":
        server_marks(sys.argv[2])
        return
    lines = open(sys.argv[1]).read().split("\n")
    header = lines[0].split(",")
    legs = "in_ms" in header
    rows = []
    for line in lines[1:]:
        if line:
            f = line.split(",")
            row = (float(f[0]), float(f[1]), f[2] == "true")
            if legs:
                row += (float(f[3]), float(f[4]), float(f[5]))
            rows.append(row)
    pauses = pauses_of(sys.argv[2]) if len(sys.argv) > 2 else []
    for i, rd in enumerate(rounds_of(rows), 1):
        lat = [r[1] for r in rd]
        top = sorted(rd, key=lambda r: -r[1])[:30]
        print(f"round {i}: {len(rd)} messages, p50 {pct(lat, 50):.2f} ms, p99 {pct(lat, 99):.2f} ms;"
              f" first messages among the 30 slowest: {sum(r[2] for r in top)}")
        if pauses:
            t0, t1 = rd[0][0], rd[-1][0] + rd[-1][1]
            ps = [p for p in pauses if p[1] >= t0 and p[0] <= t1]
            hit = lambda r: any(p[0] <= r[0] + r[1] and p[1] >= r[0] for p in ps)
            rest = [r[1] for r in rd if not hit(r)]
            print(f"  GC pauses {len(ps)} ({', '.join('%.0f' % p[2] for p in ps)} ms); of the 30 slowest"
                  f" {sum(hit(r) for r in top)} in flight during one; p99 without those {pct(rest, 99):.2f} ms")
        if legs:
            for name, k in (("in", 3), ("srv", 4), ("out", 5)):
                v = [r[k] for r in rd]
                med = sorted(r[k] for r in top)[len(top) // 2]
                most = sum(r[k] >= max(r[3], r[4], r[5]) for r in top)
                print(f"  {name:>3}: p50 {pct(v, 50):.2f} ms, p99 {pct(v, 99):.2f} ms; 30 slowest:"
                      f" median {med:.1f} ms, the largest leg in {most}")


main()
