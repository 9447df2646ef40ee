"""Production start-up: settings refuse to run without the hosts the site is served at."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def run_production(tmp_path, code_or_args, **env):
    """Python in a fresh process with a production environment: no demo, no debug, not testing."""
    clean = {
        name: value for name, value in os.environ.items()
        if name not in {"DANGVU_DEMO", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "PROXY_COUNT"}
    }
    clean.update({
        "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "k3J9_" * 12, "DANGVU_TESTING": "0",
        "DANGVU_VAR_DIR": str(tmp_path), **env,
    })
    return subprocess.run(
        [sys.executable, *code_or_args], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=60,
    )


def test_production_without_allowed_hosts_fails_at_start_up_with_a_clear_message(tmp_path):
    result = run_production(tmp_path, ["-c", "import django; django.setup()"])
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must be set outside demo mode" in result.stderr


def test_production_with_allowed_hosts_starts(tmp_path):
    result = run_production(tmp_path, ["manage.py", "check"], ALLOWED_HOSTS="dangvu.example.vn")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_proxy_count_must_not_be_negative(tmp_path):
    result = run_production(tmp_path, ["manage.py", "check"], ALLOWED_HOSTS="dangvu.example.vn", PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "PROXY_COUNT" in result.stderr
