"""Before/after of the HTTP load test on a shared machine (docs/benchmarks.md, issue 13).

    python3 bench/compare-http.py NAME=JAR NAME=JAR ... [--rounds 3] [--duration 8s] [--warmup 30s]

Starts one server per packaged jar (each with its own H2 data folder, 512 MB heap), warms each up
(--warmup of evaluations at 4 connections, run twice), then runs rounds that alternate the servers: per server
and round, `POST /api/v1/evaluations` at 1 and at 4 connections and the no-op `GET /q/health/live`
at 4, with wrk as bench/run does. Load from elsewhere then weighs on every server alike. Prints,
per server, the median over rounds of: evaluations/s, p50 and p99, the ratio to the no-op of the
same round, the server's CPU time per evaluation (user + system from /proc, which a loaded
machine stretches much less than wall times), and the mean time of the evaluation alone
(advisor_evaluation_seconds of /q/metrics, all requests of the rounds: without HTTP, waivers and
the decision log).
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

args = sys.argv[1:]
rounds, duration, warmup = 3, "8s", "30s"
jars = []
while args:
    a = args.pop(0)
    if a == "--rounds":
        rounds = int(args.pop(0))
    elif a == "--duration":
        duration = args.pop(0)
    elif a == "--warmup":
        warmup = args.pop(0)
    else:
        name, jar = a.split("=", 1)
        jars.append((name, jar))
if not jars:
    sys.exit(__doc__)

TICK = os.sysconf("SC_CLK_TCK")


def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / TICK


def ms(v):
    num, unit = re.match(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(num) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(pid, url, conns, post):
    cmd = ["wrk", f"-t{min(conns, 2)}", f"-c{conns}", f"-d{duration}", "--latency"]
    if post:
        cmd += ["-s", "bench/post-plan.lua"]
    before = cpu(pid)
    text = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    used = cpu(pid) - before
    n = int(re.search(r"(\d+) requests in", text).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": ms(lat["50"]) if n else float("nan"),
        "p99": ms(lat["99"]) if n else float("nan"),
        "cpu": 1000 * used / n if n else float("nan"),
        "errors": int(errors.group(1)) if errors else 0,
    }


servers = []
try:
    for i, (name, jar) in enumerate(jars):
        port = 18321 + i
        data = tempfile.mkdtemp()
        log = open(f"/tmp/compare-http-{name}.log", "w")
        # Each build serves its own rules/ and catalogues/: the root of the checkout its jar is in.
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(jar))))
        p = subprocess.Popen(
            ["java", "-Xms512m", "-Xmx512m", f"-Dquarkus.http.port={port}",
             f"-Dadvisor.data-dir={data}", "-jar", os.path.abspath(jar)],
            stdout=log, stderr=subprocess.STDOUT,
            cwd=root if os.path.isdir(os.path.join(root, "rules")) else None)
        servers.append((name, p, f"http://127.0.0.1:{port}"))
    for name, p, url in servers:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/q/health/ready", timeout=2)
                break
            except Exception:
                time.sleep(1)
    for _ in range(2):
        for name, p, url in servers:
            subprocess.run(["wrk", "-t2", "-c4", f"-d{warmup}", "-s", "bench/post-plan.lua",
                            url + "/api/v1/evaluations"], capture_output=True, check=True)
            subprocess.run(["wrk", "-t2", "-c4", "-d3s", url + "/q/health/live"],
                           capture_output=True, check=True)

    def evaluation_seconds(url):
        text = urllib.request.urlopen(url + "/q/metrics").read().decode()
        total = re.search(r"^advisor_evaluation_seconds_sum(?:\{[^}]*\})? (\S+)", text, re.M)
        count = re.search(r"^advisor_evaluation_seconds_count(?:\{[^}]*\})? (\S+)", text, re.M)
        return (float(total.group(1)), float(count.group(1))) if total and count else (0.0, 0.0)

    warm = {name: evaluation_seconds(url) for name, _, url in servers}
    results = {name: [] for name, _, _ in servers}
    for r in range(rounds):
        for name, p, url in servers:
            e1 = wrk(p.pid, url + "/api/v1/evaluations", 1, True)
            e4 = wrk(p.pid, url + "/api/v1/evaluations", 4, True)
            n4 = wrk(p.pid, url + "/q/health/live", 4, False)
            results[name].append((e1, e4, n4))
            print(f"round {r + 1} {name}: 1 conn {e1['rps']:.0f}/s p99 {e1['p99']:.1f} ms;"
                  f" 4 conn {e4['rps']:.0f}/s p99 {e4['p99']:.1f} ms, CPU {e4['cpu']:.2f} ms/eval;"
                  f" no-op {n4['rps']:.0f}/s; errors {e1['errors'] + e4['errors']}", flush=True)
    evaluation = {}
    for name, _, url in servers:
        total, count = evaluation_seconds(url)
        t0, c0 = warm[name]
        evaluation[name] = 1000 * (total - t0) / (count - c0) if count > c0 else float("nan")
    med = statistics.median
    print()
    print("| server | 1 connection: /s, p50, p99 | 4 connections: /s, p50, p99 | ratio to the no-op"
          " | server CPU per evaluation (4 conn.) | the evaluation alone, mean | no-op /s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, rs in results.items():
        e1 = {k: med(x[0][k] for x in rs) for k in ("rps", "p50", "p99", "cpu")}
        e4 = {k: med(x[1][k] for x in rs) for k in ("rps", "p50", "p99", "cpu")}
        ratio = med(x[1]["rps"] / x[2]["rps"] for x in rs)
        noop = med(x[2]["rps"] for x in rs)
        print(f"| {name} | {e1['rps']:,.0f}/s, {e1['p50']:.2f} ms, {e1['p99']:.2f} ms"
              f" | {e4['rps']:,.0f}/s, {e4['p50']:.2f} ms, {e4['p99']:.2f} ms | {ratio:.4f}"
              f" | {e4['cpu']:.2f} ms | {evaluation[name]:.2f} ms | {noop:,.0f}/s |")
finally:
    for _, p, _ in servers:
        p.terminate()
    for _, p, _ in servers:
        p.wait()
