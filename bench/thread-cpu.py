#!/usr/bin/env python3
"""CPU by thread group of the WildFly server and the bench JVM, per ChatBench phase.

  python3 bench/thread-cpu.py sample OUT.jsonl          # while a bench runs (Ctrl-C to stop)
  python3 bench/thread-cpu.py report OUT.jsonl BENCH.log  # BENCH.log: the mvn output with
                                                          # ChatBench's "[chat-bench] phase" lines

Every second it reads /proc/stat (host user/sys/idle/steal) and utime+stime of every thread of
the two JVMs (digits in thread names folded, so "default task-12" counts as "default task-#").
Threads that exit take their ticks with them: a group whose threads come and go (the XNIO task
pool) is under-counted. Session 15 used it to see that the host stays ~70 % idle during the timed
chat rounds (docs/performance.md, "Live chat").
"""
import datetime
import json
import os
import re
import sys
import time


def jvms():
    found = {}
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            cmd = open(f'/proc/{p}/cmdline', 'rb').read()
        except OSError:
            continue
        if b'jboss-modules.jar' in cmd:
            found['server'] = p
        elif b'surefirebooter' in cmd:
            found['bench'] = p
    return found


def sample(out_path):
    with open(out_path, 'w') as out:
        while True:
            snap = {'t': time.time(), 'sys': open('/proc/stat').readline().split()[1:9]}
            for role, pid in jvms().items():
                threads = {}
                try:
                    tids = os.listdir(f'/proc/{pid}/task')
                except OSError:
                    continue
                for tid in tids:
                    try:
                        st = open(f'/proc/{pid}/task/{tid}/stat').read()
                    except OSError:
                        continue
                    name = re.sub(r'\d+', '#', st[st.index('(') + 1:st.rindex(')')])
                    f = st[st.rindex(')') + 2:].split()
                    threads[name] = threads.get(name, 0) + int(f[11]) + int(f[12])
                snap[role] = threads
            out.write(json.dumps(snap) + '\n')
            out.flush()
            time.sleep(1)


def report(samples_path, log_path):
    snaps = [json.loads(line) for line in open(samples_path)]
    phases = []
    for line in open(log_path, errors='replace'):
        m = re.search(r'\[chat-bench\] phase (.+?) at (\S+)', line)
        if m:
            ts = datetime.datetime.fromisoformat(m.group(2)[:26] + '+00:00').timestamp()
            phases.append((m.group(1), ts))

    def at(t):
        best = None
        for s in snaps:
            if s['t'] <= t:
                best = s
        return best

    for (name, t0), (_, t1) in zip(phases, phases[1:]):
        a, b = at(t0), at(t1)
        if not a or not b:
            continue
        dt = b['t'] - a['t']
        d = [int(y) - int(x) for x, y in zip(a['sys'], b['sys'])]
        tot = sum(d) or 1
        print(f"== {name}: {dt:.0f} s; host user {100 * d[0] / tot:.0f}% sys {100 * d[2] / tot:.0f}%"
              f" idle {100 * d[3] / tot:.0f}% iowait {100 * d[4] / tot:.0f}% steal {100 * d[7] / tot:.0f}%")
        for role in ('server', 'bench'):
            if role not in a or role not in b:
                continue
            delta = {k: b[role].get(k, 0) - a[role].get(k, 0) for k in b[role]}
            busy = sum(v for v in delta.values() if v > 0)
            top = sorted(delta.items(), key=lambda x: -x[1])[:10]
            print(f"  {role}: {busy / dt:.0f}% of one core; "
                  + ", ".join(f"{k} {v / dt:.1f}" for k, v in top if v > 0))


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'sample':
        sample(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'report':
        report(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
