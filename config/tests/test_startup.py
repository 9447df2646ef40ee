"""Start-up refuses a weak SECRET_KEY and ALLOWED_HOSTS=* outside demo mode (issue 12); each case is a fresh
interpreter importing the settings as a server would (not under pytest)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD_KEY = "k3J9_" * 12


def start(**environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DANGVU_DEMO", "DEBUG", "DANGVU_TESTING", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, "-c", "import config.settings"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize(("key", "hosts", "refusal"), [
    ("short", "dangvu.example.vn", "SECRET_KEY is weak"),
    ("django-insecure-" + "x" * 50, "dangvu.example.vn", "SECRET_KEY is weak"),
    ("a" * 60, "dangvu.example.vn", "SECRET_KEY is weak"),
    (GOOD_KEY, "*", "ALLOWED_HOSTS=*"),
])
def test_a_weak_key_or_any_host_is_refused_at_start_up(key, hosts, refusal):
    result = start(SECRET_KEY=key, ALLOWED_HOSTS=hosts)
    assert result.returncode != 0 and refusal in result.stderr


def test_a_strong_key_and_named_hosts_start_and_the_demo_may_do_anything():
    assert start(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="dangvu.example.vn").returncode == 0
    assert start(SECRET_KEY="short", ALLOWED_HOSTS="*", DANGVU_DEMO="1").returncode == 0
