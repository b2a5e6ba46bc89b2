"""Prints the Markdown table of docs/benchmarks.md from bench/run's results in target/bench."""
import json
import os
import re
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "target/bench"


def load(name):
    p = os.path.join(out, name)
    return open(p).read() if os.path.exists(p) else None


rows = []
jmh = load("jmh.json")
if jmh:
    results = json.loads(jmh)
    floors = {}
    for r in results:
        if r["benchmark"].endswith(".size"):
            floors[r.get("params", {}).get("plan")] = r["primaryMetric"]["scorePercentiles"]["50.0"]
    for r in results:
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        plan = r.get("params", {}).get("plan", "")
        m = r["primaryMetric"]
        unit = m["scoreUnit"].replace("/op", "")
        p = m.get("scorePercentiles", {})
        p50, p99 = p.get("50.0", m["score"]), p.get("99.0", float("nan"))
        floor = floors.get(plan)
        ratio = f"{p50 / floor:,.0f}× sizing" if floor and unit == "us" else ""
        rows.append((f"JMH {name} {plan}".strip(), f"p50 {p50:,.1f} {unit}, p99 {p99:,.1f} {unit}", ratio))


def wrk(name):
    text = load(f"wrk-{name}.txt")
    if not text:
        return None
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

    def ms(v):
        num, unit = re.match(r"([\d.]+)(us|ms|s|m)", v).groups()
        return float(num) * scale[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    cpu = load(f"cpu-{name}.txt")
    per = f", server CPU {1000 * float(cpu) / requests:.2f} ms/request" if cpu and requests else ""
    return rps, ms(lat["50"]), ms(lat["99"]), int(errors.group(1)) if errors else 0, per


e1, e4, n4 = wrk("eval-1"), wrk("eval-4"), wrk("noop-4")
if e1:
    rows.append(("HTTP POST /api/v1/evaluations, 1 connection", f"p50 {e1[1]:.2f} ms, p99 {e1[2]:.2f} ms, {e1[0]:,.0f}/s{e1[4]}", ""))
if e4 and n4:
    rows.append((
        "HTTP POST /api/v1/evaluations, 4 connections",
        f"{e4[0]:,.0f}/s, p50 {e4[1]:.2f} ms, p99 {e4[2]:.2f} ms" + (f", {e4[3]} errors" if e4[3] else "") + e4[4],
        f"{e4[0] / n4[0]:.3f} of the no-op",
    ))
    rows.append(("HTTP GET /q/health/live (no-op), 4 connections", f"{n4[0]:,.0f}/s, p99 {n4[2]:.2f} ms{n4[4]}", ""))
cold = load("cold.json")
if cold:
    res = json.loads(cold)["results"]
    floor = res[1]["mean"] if len(res) > 1 else None
    for r in res:
        rows.append((
            f"cold `{r['command']}` ({len(r['times'])} runs)",
            f"wall {r['mean']:.3f} s ± {r['stddev']:.3f} (median {r['median']:.3f}), CPU {r['user'] + r['system']:.3f} s",
            f"{r['mean'] / floor:.1f}× java -version" if floor else "",
        ))
print("| what | measured | ratio to the floor, same run |")
print("| --- | --- | --- |")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} |")
