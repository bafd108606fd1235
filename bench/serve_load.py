"""Load ``newsprism serve`` on loopback: concurrent clients for a fixed time, latency and errors per endpoint.

A store holding the example pair as one story (its comparison computed once and cached, as a
served story normally is) is written to a temporary folder, ``newsprism serve`` is started on it in
a separate process, and ``--clients`` clients each request, in turn and without pause, the story
page (the HTML report), the story's comparison (JSON API) and the stories list (JSON API) for
``--seconds`` seconds. It prints per endpoint the requests, errors (any status but 200, or a failed
request), p50 and p99 latency and throughput. Clients and server share this machine, so the
figures are what one machine serves to itself; nothing is gated on them.

Usage:
    python bench/serve_load.py [--clients 20] [--seconds 30] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "putin-trump-call"


def build_store(path: Path) -> str:
    """Store the example pair as one story with its comparison cached; return the story id."""
    import numpy as np

    from newsprism.compare import compare_articles
    from newsprism.ingest import read_articles
    from newsprism.store import Membership, open_store

    articles = read_articles([EXAMPLE / "afp-wire.txt", EXAMPLE / "lbc.txt"], published="2025-07-03").articles
    story = articles[0].id
    with open_store(path) as store:
        store.add_articles(articles)
        store.assign_stories([Membership(a.id, story, np.zeros(4, np.float32), a.published) for a in articles])
        store.save_comparison(story, compare_articles(articles))
    return story


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """Start ``newsprism serve`` and wait until it answers."""
    command = [sys.executable, "-m", "newsprism.cli", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("newsprism serve did not start within 60 s")


async def client(base: str, paths: dict[str, str], stop: float, latencies: dict[str, list[float]],
                 errors: dict[str, int], offset: int) -> None:
    """Request the endpoints in turn until ``stop``; ``offset`` staggers where each client starts."""
    names = list(paths)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        turn = offset
        while time.monotonic() < stop:
            name = names[turn % len(names)]
            turn += 1
            started = time.perf_counter()
            try:
                ok = (await http.get(paths[name])).status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies[name].append(time.perf_counter() - started)
            errors[name] += not ok


async def load(base: str, paths: dict[str, str], clients: int, seconds: float) -> dict[str, dict[str, float]]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    stop = time.monotonic() + seconds
    await asyncio.gather(*(client(base, paths, stop, latencies, errors, i) for i in range(clients)))
    return {name: figures(latencies[name], errors[name], seconds) for name in paths}


def figures(latencies: list[float], errors: int, seconds: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": errors,
        "p50_ms": 1000 * statistics.median(ordered) if ordered else float("nan"),
        "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan"),
        "per_s": len(ordered) / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        story = build_store(db)
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            paths = {"story page": f"/stories/{story}", "comparison API": f"/api/stories/{story}/comparison",
                     "stories API": "/api/stories"}
            results = asyncio.run(load(base, paths, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(10)
    report(results, args)


def report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    if args.json:
        meta = {"clients": args.clients, "seconds": args.seconds, "cpus": os.cpu_count(), "python": platform.python_version()}
        print(json.dumps({"settings": meta, "endpoints": results}, indent=2))
        return
    print(f"{args.clients} clients, {args.seconds:.0f} s, loopback, {os.cpu_count()} CPUs shared by clients and server")
    print(f"{'endpoint':<16} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7}")
    for name, f in results.items():
        print(f"{name:<16} {f['requests']:>9} {f['errors']:>7} {f['p50_ms']:>8.1f} {f['p99_ms']:>8.1f} {f['per_s']:>7.1f}")


if __name__ == "__main__":
    main()
