#!/usr/bin/env python3
"""The performance targets in one run: every figure beside its floor, and their ratio.

Floors: a bare decode (base64 + gunzip + one Utf8JsonReader pass over every message, nothing more;
bench/Responder.Bench, Native AOT like the shipped programs), as a CLI process over the same input and as
a custom Lambda runtime on the same event. Floor and subject alternate, run after run.

  CLI, 100,000 alerts in 100 CloudWatch events: CPU (user+sys, from wait4) and wall time of
      `responder respond --format json` against `Responder.Bench bare`.
  Lambda, 1,000-alert CloudWatch event through the Runtime API emulator: cold start (exec until the
      response is posted), warm p50 and CPU per warm invocation (/proc/PID/stat) of `bootstrap`
      against `Responder.Bench bare-lambda`.
  Lambda, the largest CloudWatch event within 1 MB (about 11,600 alerts, dedupe on): peak RSS (VmHWM).

usage: python3 bench/perf.py [--runs N] [--cold N] [--warm N]
       python3 bench/perf.py --smoke    the harness on small inputs: every program runs and every floor
                                        saw what its subject received; no timing is judged

Exit code 1 when the harness finds a count that differs (or a program fails); a target not met is
reported in the table, not in the exit code (timing on a shared machine is not a test).
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
QUIET = ["--nologo", "-v", "q"]


def run(*args, **kwargs):
    return subprocess.run(args, cwd=ROOT, check=True, **kwargs)


def publish(project, target):
    run("dotnet", "publish", project, "-c", "Release", "-o", target, *QUIET, stdout=subprocess.DEVNULL)


def generate(bench, path, alerts, per_event):
    # Always afresh: an input left by an older generator would measure something else.
    run(bench, "generate", path, str(alerts), str(per_event), stdout=subprocess.DEVNULL)
    return path


def megabyte_event(bench, limit=1_000_000):
    """The most alerts whose CloudWatch event stays within Lambda's 1 MB asynchronous payload."""
    low, high = 1_000, 40_000
    while low < high:
        mid = (low + high + 1) // 2
        probe = os.path.join(OUT, "event-probe.json")
        run(bench, "generate", probe, str(mid), str(mid), stdout=subprocess.DEVNULL)
        if len(open(probe, "rb").read().strip()) <= limit:
            low = mid
        else:
            high = mid - 1
    return generate(bench, os.path.join(OUT, f"event-{low}.json"), low, low), low


def measure(command, output=os.devnull):
    """Wall seconds, CPU seconds (user+sys) and peak RSS (MiB) of one run, from wait4."""
    start = time.perf_counter()
    with open(output, "wb") as sink:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed (exit {os.waitstatus_to_exitcode(status)})")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def cli(bench, responder, data, runs):
    floor = [bench, "bare", data]
    subject = [responder, "respond", "--input", data, "--format", "json"]

    # The unscored first runs warm the page cache and leave their output for the harness's check.
    floor_out, subject_out = os.path.join(OUT, "perf-floor.json"), os.path.join(OUT, "perf-report.json")
    measure(floor, floor_out)
    measure(subject, subject_out)
    messages = json.load(open(floor_out))["messages"]
    received = json.load(open(subject_out))["summary"]["received"]

    floors, subjects = [], []
    for _ in range(runs):
        floors.append(measure(floor))
        subjects.append(measure(subject))
    median = lambda results, i: statistics.median(r[i] for r in results)
    return {
        "cpu_s": (median(floors, 1), median(subjects, 1)),
        "wall_s": (median(floors, 0), median(subjects, 0)),
        "counts": (messages, received),
    }


def lam(bootstrap, floor, thousand, megabyte, cold, warm):
    out = run("dotnet", "run", "--project", "bench/Responder.Bench.Lambda", "-c", "Release", "--",
              "floors", bootstrap, floor, thousand, megabyte, str(cold), str(warm), stdout=subprocess.PIPE, text=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    pair = lambda name: (figures[name]["floor"], figures[name]["subject"])
    return {name: pair(name) for name in ("cold_ms", "warm_p50_ms", "warm_cpu_ms", "rss_1mb_mib", "messages_1000", "messages_1mb")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true", help="small inputs, few runs: checks the harness, judges no timing")
    parser.add_argument("--runs", type=int, default=7, help="CLI runs of each program")
    parser.add_argument("--cold", type=int, default=15, help="cold starts of each runtime")
    parser.add_argument("--warm", type=int, default=300, help="warm invocations of each runtime")
    args = parser.parse_args()
    alerts = 2_000 if args.smoke else 100_000
    runs, cold, warm = (1, 2, 5) if args.smoke else (args.runs, args.cold, args.warm)

    os.makedirs(OUT, exist_ok=True)
    publish("bench/Responder.Bench", os.path.join(OUT, "bench"))
    publish("src/Responder.Cli", os.path.join(OUT, "cli"))
    publish("src/Responder.Lambda", os.path.join(ROOT, "artifacts", "lambda"))
    bench = os.path.join(OUT, "bench", "Responder.Bench")
    data = generate(bench, os.path.join(OUT, f"events-{alerts}-1000.ndjson"), alerts, 1_000)
    thousand = generate(bench, os.path.join(OUT, "event-1000.json"), 1_000, 1_000)
    megabyte, megabyte_alerts = megabyte_event(bench)

    c = cli(bench, os.path.join(OUT, "cli", "responder"), data, runs)
    l = lam(os.path.join(ROOT, "artifacts", "lambda", "bootstrap"), bench, thousand, megabyte, cold, warm)

    rows = [
        (f"CLI {alerts:,} alerts: CPU user+sys (s)", *c["cpu_s"], 1.3, "ratio"),
        (f"CLI {alerts:,} alerts: wall (s)", *c["wall_s"], 1.25, "ratio"),
        ("Lambda 1,000 alerts: cold start (ms)", *l["cold_ms"], 1.5, "ratio"),
        ("Lambda 1,000 alerts: warm p50 (ms)", *l["warm_p50_ms"], 1.5, "ratio"),
        ("Lambda 1,000 alerts: CPU per warm invocation (ms)", *l["warm_cpu_ms"], 1.5, "ratio"),
        (f"Lambda 1 MB event ({megabyte_alerts:,} alerts), dedupe on: peak RSS (MiB)", *l["rss_1mb_mib"], 96, "absolute"),
    ]
    mode = "smoke (no timing judged)" if args.smoke else f"CLI {runs} runs, Lambda {cold} cold starts and {warm} warm invocations"
    print(f"floor and subject alternating; {mode}; {os.cpu_count()} cores")
    print()
    verdict = lambda met: "not judged" if args.smoke else ("yes" if met else "NO")
    print("| figure | floor | subject | ratio | target | met |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, floor, subject, target, kind in rows:
        ratio = subject / floor if floor else float("nan")
        goal = f"≤ {target}x" if kind == "ratio" else f"≤ {target} MiB"
        met = (ratio <= target) if kind == "ratio" else (subject <= target)
        print(f"| {name} | {floor:.3f} | {subject:.3f} | {ratio:.2f}x | {goal} | {verdict(met)} |"
              if floor < 10 else
              f"| {name} | {floor:.1f} | {subject:.1f} | {ratio:.2f}x | {goal} | {verdict(met)} |")

    # The harness's own check: each floor saw every record its subject received.
    checks = [("CLI", c["counts"]), ("Lambda 1,000", l["messages_1000"]), ("Lambda 1 MB", l["messages_1mb"])]
    expected = {"CLI": alerts, "Lambda 1,000": 1_000, "Lambda 1 MB": megabyte_alerts}
    bad = [f"{name}: floor read {f:,} messages, subject received {s:,}, input has {expected[name]:,}"
           for name, (f, s) in checks if not (f == s == expected[name])]
    print()
    if bad:
        print("harness check FAILED:\n  " + "\n  ".join(bad))
        sys.exit(1)
    print(f"harness check: each floor read every message its subject received ({alerts:,}, 1,000 and {megabyte_alerts:,})")


if __name__ == "__main__":
    main()
