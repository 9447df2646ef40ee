"""With the uploaded files in an object store (OBJECT_STORE_BUCKET), backup and restore refuse, saying what to do
instead, and write nothing: they copy the files under MEDIA_ROOT, which then holds none of them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from backups.services import OBJECT_STORE_REFUSAL, BackupError, create_backup, restore_backup

ROOT = Path(__file__).resolve().parent.parent.parent
S3 = {"BACKEND": "storages.backends.s3.S3Storage",
      "OPTIONS": {"bucket_name": "dangvu-files", "endpoint_url": "http://127.0.0.1:9", "access_key": "k",
                  "secret_key": "s", "region_name": "us-east-1"}}


@pytest.fixture
def object_store(settings):
    settings.STORAGES = {**settings.STORAGES, "default": S3}


def test_backup_refuses_and_writes_nothing(object_store, tmp_path):
    archive = tmp_path / "backups" / "dangvu.tar.gz"
    with pytest.raises(BackupError, match="kho lưu trữ đối tượng"):
        create_backup(archive)
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(archive))
    assert str(refused.value) == OBJECT_STORE_REFUSAL
    assert not (tmp_path / "backups").exists()


def test_restore_refuses_before_reading_the_archive(object_store, tmp_path):
    archive = tmp_path / "dangvu.tar.gz"
    archive.write_bytes(b"not read")
    with pytest.raises(BackupError) as refused:
        restore_backup(archive, media_root=tmp_path / "files")
    assert str(refused.value) == OBJECT_STORE_REFUSAL
    with pytest.raises(CommandError, match="OBJECT_STORE_BUCKET"):
        call_command("restore", str(archive))
    assert not (tmp_path / "files").exists()


def test_the_object_store_of_the_environment_refuses_the_backup_command(tmp_path):
    """As an operator meets it: OBJECT_STORE_BUCKET set, `manage.py backup` says why it does nothing."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DANGVU_DEMO="1", DANGVU_VAR_DIR=str(tmp_path / "var"),
               OBJECT_STORE_BUCKET="dangvu-files", OBJECT_STORE_URL="http://127.0.0.1:9")
    done = subprocess.run([sys.executable, "manage.py", "backup", str(tmp_path / "dangvu.tar.gz")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "kho lưu trữ đối tượng (OBJECT_STORE_BUCKET)" in done.stderr
    assert not (tmp_path / "dangvu.tar.gz").exists()
