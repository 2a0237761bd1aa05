#!/usr/bin/env python3
"""Lambda host benchmark: publishes bootstrap (Native AOT) and the JIT build, generates a CloudWatch
event of 1,000 alerts and one of 1 MB (mixed record shapes, bench/Responder.Bench generate), then runs
bench/Responder.Bench.Lambda, which drives the builds through the Runtime API emulator and prints
Markdown tables for BENCHMARKS.md.

usage: python3 bench/lambda.py [COLD_RUNS] [WARM_RUNS]
       python3 bench/lambda.py storm     (5,000-alert storm published to SNS on fauxqs)
       python3 bench/lambda.py budget    (decompression amplification at the template's 256 MB, beside a 1 MB event)
"""
import os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
QUIET = ["--nologo", "-v", "q"]


def run(*args, **kwargs):
    return subprocess.run(args, cwd=ROOT, check=True, **kwargs)


def event(bench, alerts, name):
    path = os.path.join(OUT, name)
    run(bench, "generate", path, str(alerts), str(alerts))
    with open(path, "rb") as f:
        return path, len(f.read().strip())


def megabyte_event(bench, limit=1_000_000):
    """The most alerts whose event stays within Lambda's 1 MB asynchronous payload."""
    low, high = 1_000, 40_000
    while low < high:
        mid = (low + high + 1) // 2
        if event(bench, mid, "event-probe.json")[1] <= limit:
            low = mid
        else:
            high = mid - 1
    return event(bench, low, "event-1mb.json")[0], low


def main():
    os.makedirs(OUT, exist_ok=True)
    aot = os.path.join(ROOT, "artifacts", "lambda")
    if sys.argv[1:2] == ["storm"]:
        run("dotnet", "publish", "src/Responder.Lambda", "-c", "Release", "-o", aot, *QUIET)
        run("dotnet", "run", "--project", "bench/Responder.Bench.Lambda", "-c", "Release", "--", "storm", os.path.join(aot, "bootstrap"))
        return
    if sys.argv[1:2] == ["budget"]:
        run("dotnet", "publish", "src/Responder.Lambda", "-c", "Release", "-o", aot, *QUIET)
        run("dotnet", "publish", "bench/Responder.Bench", "-c", "Release", "-o", os.path.join(OUT, "bench"), *QUIET)
        megabyte, _ = megabyte_event(os.path.join(OUT, "bench", "Responder.Bench"))
        run("dotnet", "run", "--project", "bench/Responder.Bench.Lambda", "-c", "Release", "--",
            "budget", os.path.join(aot, "bootstrap"), "256", "8", megabyte)
        return
    jit = os.path.join(OUT, "lambda-jit")
    run("dotnet", "publish", "src/Responder.Lambda", "-c", "Release", "-o", aot, *QUIET)
    run("dotnet", "publish", "src/Responder.Lambda", "-c", "Release", "-o", jit, "-p:PublishAot=false", "-p:SelfContained=false", *QUIET)
    run("dotnet", "publish", "bench/Responder.Bench", "-c", "Release", "-o", os.path.join(OUT, "bench"), *QUIET)
    bench = os.path.join(OUT, "bench", "Responder.Bench")
    thousand = event(bench, 1_000, "event-1000.json")[0]
    megabyte, alerts = megabyte_event(bench)
    cold = sys.argv[1] if len(sys.argv) > 1 else "15"
    warm = sys.argv[2] if len(sys.argv) > 2 else "500"
    run("dotnet", "run", "--project", "bench/Responder.Bench.Lambda", "-c", "Release", "--",
        os.path.join(aot, "bootstrap"), os.path.join(jit, "bootstrap.dll"), thousand, megabyte, str(alerts), cold, warm)


if __name__ == "__main__":
    main()
