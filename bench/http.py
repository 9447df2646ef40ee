"""HTTP under load (issue 15): the app served by gunicorn on loopback, over the demo, and bounded traffic at 4, 16 and
32 concurrent clients to a static file and to the busiest pages and endpoints.

    .venv/bin/python bench/http.py [--workers 2] [--worker-class sync,gthread,uvicorn] [--threads 4]
                                   [--requests 400] [--clients 4,16,32] [--var-dir DIR]

Loads the demo into a throw-away SQLite database under a temporary DANGVU_VAR_DIR (or `--var-dir DIR`, loaded once
and reused by later runs; or the PostgreSQL named by DATABASE_URL, used as is: point it at a scratch database),
collects the static files as production does, then for each worker class starts gunicorn (config.wsgi, or
config.asgi for uvicorn's workers, through bench/http_app.py) with `--workers` processes and sends `--requests`
requests per target and concurrency from as many client threads (keep-alive where the worker model keeps
connections), as the ward clerk `saidong` (a session cookie for the pages, an API token for the API). Prints per
target and concurrency: req/s, p50/p95/p99 latency in ms, errors (a status other than 200, or no answer), and req/s
as a share of the static file's at the same concurrency.

The targets: a static file (WhiteNoise); two views the project does not serve (bench/http_urls.py), to show what a
request costs before the project's own work: Django's middleware alone, then the session and its user read (two
queries); `GET /api/v1/members?q=nguyen`, `GET /api/v1/meetings/{id}`, the meeting's page, the dashboard, and the
meeting's minutes as PDF (kept: drawn at the first download, documents.kept). The
machine's cores are shared by the server and the client threads: the figures compare worker models and targets on
the same machine, not the capacity of a server.
"""

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and the file would stand for the standard library's
# `http`: the project's root takes the folder's place.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

from tests.servers import ROOT, START_TIMEOUT, AppServer, server_environment  # noqa: E402

PASSWORD = "dangvu-demo"
USERNAME = "saidong"
READY = "bench-http-demo-loaded"
# Worker classes: gunicorn's options and the application each serves.
WORKER_CLASSES = {
    "sync": (lambda threads: ["--worker-class", "sync"], "bench.http_app:wsgi"),
    "gthread": (lambda threads: ["--worker-class", "gthread", "--threads", str(threads)], "bench.http_app:wsgi"),
    "uvicorn": (lambda threads: ["--worker-class", "uvicorn_worker.UvicornWorker"], "bench.http_app:asgi"),
}


def environment(var_dir: Path) -> dict[str, str]:
    """The server's environment: demo mode (its accounts), production's static files, no login throttling, and an API
    rate limit above the bench's traffic (600 calls a minute would answer 429 within a second)."""
    extra = {"DATABASE_URL": os.environ["DATABASE_URL"]} if os.environ.get("DATABASE_URL") else {}
    return server_environment(DANGVU_DEMO="1", DANGVU_VAR_DIR=str(var_dir), AXES_ENABLED="0",
                              API_RATE="100000000/m", LOG_LEVEL="ERROR", **extra)


def prepare(var_dir: Path, env: dict[str, str]) -> None:
    """Migrate and load the demo once per folder (a minute or so); collect the static files (quick when current)."""
    def manage(*command):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    if not (var_dir / READY).exists():
        start = time.perf_counter()
        manage("migrate", "--noinput", "-v0")
        manage("load_demo")
        (var_dir / READY).touch()
        print(f"migrate + load_demo: {time.perf_counter() - start:.0f} s", flush=True)
    manage("collectstatic", "--noinput", "-v0")


def static_path() -> str:
    """The stylesheet every page links, by its hashed name (CompressedManifestStaticFilesStorage)."""
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/app.css"]


class Client:
    """One client thread's connection: kept open while the server keeps it, opened again when the server closes."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None

    def get(self, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.will_close:
            self.close()
        return response.status, body

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def load(port: int, path: str, headers: dict[str, str], *, clients: int, requests: int, seconds: float) -> dict:
    """`requests` GETs of `path` (fewer if `seconds` pass first) from `clients` threads at once: req/s, latency
    percentiles (ms), errors."""
    tickets = iter(range(requests))
    lock = threading.Lock()
    timings, errors = [], []
    deadline = time.perf_counter() + seconds

    def run():
        client = Client(port)
        while True:
            with lock:
                if next(tickets, None) is None or time.perf_counter() > deadline:
                    break
            start = time.perf_counter()
            try:
                status, _ = client.get(path, headers)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                timings.append(elapsed)
                if status != 200:
                    errors.append(status)
        client.close()

    threads = [threading.Thread(target=run) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    timings.sort()
    quantiles = statistics.quantiles(timings, n=100, method="inclusive")
    return {"rps": len(timings) / wall, "requests": len(timings), "p50": quantiles[49], "p95": quantiles[94],
            "p99": quantiles[98], "errors": len(errors), "statuses": sorted({str(status) for status in errors})}


def credentials(server: AppServer) -> tuple[dict[str, str], dict[str, str]]:
    """(the pages' headers: the session cookie; the API's: the bearer token) of the demo's ward clerk."""
    login = server.login(USERNAME, PASSWORD)
    if login.status_code != 302:
        raise SystemExit(f"login as {USERNAME} failed ({login.status_code}):\n{server.output()}")
    cookie = "; ".join(f"{name}={value}" for name, value in login.browser.cookies.items())
    token = login.browser.post(f"{server.url}/api/v1/auth/token", json={"username": USERNAME, "password": PASSWORD},
                               timeout=10).json()["token"]
    return {"Cookie": cookie}, {"Authorization": f"Bearer {token}"}


def targets(server: AppServer) -> list[tuple[str, str, dict[str, str]]]:
    page, api = credentials(server)
    meetings = Client(server.port)
    status, body = meetings.get("/api/v1/meetings?" + urlencode({"year": 2021}), api)
    meetings.close()
    if status != 200 or not json.loads(body)["items"]:
        raise SystemExit(f"no meeting of 2021 in the demo ({status}): {body[:300]!r}")
    meeting = json.loads(body)["items"][0]["id"]  # Sài Đồng's session of 28/06/2021 (seed 000)
    return [
        ("static file", static_path(), {}),
        ("view: middleware only", "/bench/middleware-only", {}),
        ("view: session's user", "/bench/session-user", page),
        ("API members?q=nguyen", "/api/v1/members?q=nguyen", api),
        ("API meetings/{id}", f"/api/v1/meetings/{meeting}", api),
        ("meeting page", f"/meetings/{meeting}/", page),
        ("dashboard", "/", page),
        ("minutes PDF (kept)", f"/meetings/{meeting}/minutes/?format=pdf", page),
    ]


def start(worker_class: str, args, var_dir: Path, env: dict[str, str]) -> AppServer:
    options, app = WORKER_CLASSES[worker_class]
    return AppServer(worker_class, var_dir / f"gunicorn-{worker_class}.log", env, app=app, options=[
        "--workers", str(args.workers), *options(args.threads), "--timeout", "120", "--limit-request-line", "8190"])


def warm_up(server: AppServer, cells, workers: int) -> None:
    """Each target asked twice per worker (its imports, its first queries); the paper drawn once and kept."""
    for name, path, headers in cells:
        client = Client(server.port)
        for attempt in range(2 * workers):
            began = time.perf_counter()
            status, _ = client.get(path, headers)
            if status != 200:
                raise SystemExit(f"{name}: {path} answered {status}\n{server.output()}")
            if name.startswith("minutes") and attempt == 0:
                print(f"{server.name}: the first download of the minutes (drawn if no server kept it yet): "
                      f"{(time.perf_counter() - began) * 1000:.0f} ms", flush=True)
        client.close()


def bench(classes: list[str], args, var_dir: Path, env: dict[str, str]) -> list[tuple]:
    """Every worker class served at once (idle but for the one measured), measured in turn for each target and
    concurrency, so that a change of the machine's load falls on all of them alike."""
    shutil.rmtree(var_dir / "files" / "papers", ignore_errors=True)  # the papers kept by an earlier run
    servers = {worker_class: start(worker_class, args, var_dir, env) for worker_class in classes}
    rows = []
    try:
        deadline = time.monotonic() + START_TIMEOUT * len(servers)
        cells = {}
        for worker_class, server in servers.items():
            server.wait_until_it_answers(deadline)
            cells[worker_class] = targets(server)
            warm_up(server, cells[worker_class], args.workers)
        for clients in args.clients:
            static = {}
            for index in range(len(cells[classes[0]])):
                for worker_class, server in servers.items():
                    name, path, headers = cells[worker_class][index]
                    figures = load(server.port, path, headers, clients=clients, requests=args.requests,
                                   seconds=args.seconds)
                    static.setdefault(worker_class, figures["rps"])
                    rows.append((worker_class, clients, name, figures, figures["rps"] / static[worker_class]))
                    print(row_line(rows[-1]), flush=True)
    finally:
        for server in servers.values():
            server.stop()
    return rows


HEADER = (f"{'workers':10} {'clients':>7} {'target':22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'errors':>6} {'of static':>9}")


def row_line(row) -> str:
    worker_class, clients, name, f, share = row
    statuses = f" ({', '.join(f['statuses'])})" if f["statuses"] else ""
    return (f"{worker_class:10} {clients:7d} {name:22} {f['rps']:8.1f} {f['p50']:8.1f} {f['p95']:8.1f} "
            f"{f['p99']:8.1f} {f['errors']:6d} {share:9.1%}{statuses}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync",
                        help=f"one or more of {', '.join(WORKER_CLASSES)}, separated by commas")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker of gthread")
    parser.add_argument("--requests", type=int, default=400, help="requests per target and concurrency")
    parser.add_argument("--seconds", type=float, default=15, help="at most this long per target and concurrency")
    parser.add_argument("--clients", default="4,16,32", help="the concurrencies, separated by commas")
    parser.add_argument("--var-dir", type=Path, help="the demo's folder, kept between runs (default: a new one)")
    args = parser.parse_args()
    args.clients = [int(n) for n in args.clients.split(",")]
    classes = args.worker_class.split(",")
    unknown = set(classes) - set(WORKER_CLASSES)
    if unknown:
        parser.error(f"unknown worker class: {', '.join(sorted(unknown))}")
    var_dir = args.var_dir or Path(tempfile.mkdtemp(prefix="dangvu-http-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(var_dir)
    prepare(var_dir, env)
    print(f"{args.workers} workers, {args.requests} requests per cell (at most {args.seconds:.0f} s); the demo in "
          f"{var_dir}", flush=True)
    print(HEADER, flush=True)
    rows = bench(classes, args, var_dir, env)
    print("\nsummary, by target and concurrency (req/s · p95 ms · errors · share of the static file):")
    print(f"{'target':22} {'clients':>7} " + " ".join(f"{c:>30}" for c in classes))
    for clients in args.clients:
        for name in dict.fromkeys(row[2] for row in rows):
            cells = {row[0]: row for row in rows if row[1] == clients and row[2] == name}
            print(f"{name:22} {clients:7d} " + " ".join(
                f"{cells[c][3]['rps']:8.1f} {cells[c][3]['p95']:7.1f} {cells[c][3]['errors']:4d} {cells[c][4]:7.1%}"
                if c in cells else f"{'':>30}" for c in classes))


if __name__ == "__main__":
    main()
