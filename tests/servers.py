"""A gunicorn app server (config.wsgi:application) on a free loopback port, as the tests and benchmarks start one:
tests/test_two_servers.py starts two over one database; bench/http.py one with the worker model it measures."""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30  # seconds for a server to answer
# The environment a server must not inherit from the run that starts it: it gets its own.
NOT_INHERITED = ("DATABASE_URL", "DATABASE_REPLICA_URL", "CACHE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
                 "PROXY_COUNT")
NOT_INHERITED_PREFIXES = ("DANGVU_", "AXES_", "OBJECT_STORE_", "AWS_")
ONE_SYNC_WORKER = ("--workers", "1", "--worker-class", "sync", "--timeout", "60")


class ServerFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(**environment) -> dict[str, str]:
    """This process's environment less what a server must not inherit, with `environment` over it."""
    inherited = {key: value for key, value in os.environ.items()
                 if key not in NOT_INHERITED and not key.startswith(NOT_INHERITED_PREFIXES)}
    return {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings", **environment}


class AppServer:
    """gunicorn serving the app on a free loopback port with `environment` (server_environment's), its output in
    `log`; `options` are gunicorn's (workers, worker class, threads, timeout); `app` the WSGI application, or the
    ASGI one for an ASGI worker class."""

    def __init__(self, name: str, log: Path, environment: dict[str, str], options: Sequence[str] = ONE_SYNC_WORKER,
                 app: str = "config.wsgi:application"):
        self.name = name
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        with open(self.log, "wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{self.port}",
                 *options],
                cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)

    def wait_until_it_answers(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"server {self.name} stopped ({self.process.returncode}):\n{self.output()}")
            with contextlib.suppress(requests.ConnectionError, requests.Timeout):  # a busy machine: ask again
                if requests.get(f"{self.url}/login/", timeout=10).status_code == 200:
                    return
            time.sleep(0.2)
        raise ServerFailed(f"server {self.name} did not answer in time:\n{self.output()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def login(self, username: str, password: str) -> requests.Response:
        """The login page as a browser uses it: its form (with the CSRF token) read, then posted."""
        browser = requests.Session()
        form = browser.get(f"{self.url}/login/", timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        response = browser.post(f"{self.url}/login/", data={"csrfmiddlewaretoken": token, "username": username,
                                                            "password": password},
                                allow_redirects=False, timeout=10)
        response.browser = browser
        return response
