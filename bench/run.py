#!/usr/bin/env python3
"""Throughput benchmark of `responder respond --format json` against the bare-decode baseline.

Publishes both programs in Release, generates 100,000 alerts in CloudWatch Logs subscription events of
1,000 alerts each (mixed record shapes), then runs baseline and respond alternately, several times,
recording wall time and peak RSS (from wait4). Prints a Markdown table for BENCHMARKS.md.

usage: python3 bench/run.py [--runs N] [--alerts N] [--per-envelope N] [--jit]

Both programs are published as they ship (Native AOT); --jit publishes both framework-dependent instead.
"""
import argparse, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")


def sh(*args):
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def publish(project, name, jit):
    target = os.path.join(OUT, name + ("-jit" if jit else ""))
    flags = ["-p:PublishAot=false"] if jit else []
    sh("dotnet", "publish", project, "-c", "Release", "-o", target, "--nologo", *flags)
    exe = os.path.join(target, "responder" if name == "cli" else "Responder.Bench")
    return [exe]


def measure(command):
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=devnull)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime  # KiB -> MiB


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--per-envelope", type=int, default=1_000)
    parser.add_argument("--jit", action="store_true", help="publish both programs framework-dependent (JIT)")
    args = parser.parse_args()

    os.makedirs(OUT, exist_ok=True)
    bench = publish("bench/Responder.Bench", "bench", args.jit)
    cli = publish("src/Responder.Cli", "cli", args.jit)
    data = os.path.join(OUT, f"events-{args.alerts}-{args.per_envelope}.ndjson")
    if not os.path.exists(data):
        sh(*bench, "generate", data, str(args.alerts), str(args.per_envelope))

    commands = {
        "bare decode (baseline)": bench + ["bare", data],
        "respond --format json": cli + ["respond", "--input", data, "--format", "json"],
    }
    results = {name: [] for name in commands}
    for name, command in commands.items():  # warm the page cache
        measure(command)
    for _ in range(args.runs):
        for name, command in commands.items():
            results[name].append(measure(command))

    size = os.path.getsize(data) / (1024 * 1024)
    base = statistics.median(t for t, _, _ in results["bare decode (baseline)"])
    print(f"input: {args.alerts} alerts, {args.per_envelope} per envelope, {size:.1f} MiB; "
          f"{args.runs} runs each, alternating; build: {'JIT (framework-dependent)' if args.jit else 'Native AOT'}; {os.cpu_count()} cores")
    print()
    print("| command | median wall (s) | min (s) | max (s) | ratio to baseline | median CPU, user+sys (s) | peak RSS max (MiB) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, runs in results.items():
        times = [t for t, _, _ in runs]
        median = statistics.median(times)
        cpu = statistics.median(c for _, _, c in runs)
        print(f"| {name} | {median:.3f} | {min(times):.3f} | {max(times):.3f} | {median / base:.2f}x | {cpu:.2f} | {max(r for _, r, _ in runs):.0f} |")


if __name__ == "__main__":
    main()
