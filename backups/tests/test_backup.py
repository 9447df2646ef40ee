"""manage.py backup and restore (backups.services).

The demo wards and one uploaded attachment are written once for the module and committed: pg_dump reads the
database from another process, and SQLite's backup API cannot read through a connection with a transaction open.
The archive is made once, through the command. Each restore goes into a second, empty database of the run's engine
(a new SQLite file, or a new PostgreSQL database on the same server) and an empty folder, which the test then
compares with the first, table by table and file by file. The tables the module filled are emptied at its end.
"""

import hashlib
import io
import json
import re
import tarfile
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.utils import load_backend
from django.test import override_settings

from accounts.models import User
from backups import services
from backups.services import BackupError, restore_backup, stored_models
from demo.data import DEMO_ACCOUNTS
from documents.models import Attachment, Document
from documents.services import attach_file
from org.models import Organization

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
OTHER_ENGINE = {"sqlite": "postgresql", "postgresql": "sqlite"}

# Every test of the module in pytest-django's first group (tests in a transaction, run before those that flush the
# database), so that the module's installation is set up once, before any flush has renumbered the content types
# its demo rows refer to.
pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------------- fixtures


def _insert(written):
    """The demo rows as conftest.demo_output puts them back (raw, with their ids), here committed."""
    with transaction.atomic():
        for model, rows in written.items():
            fields = model._meta.local_concrete_fields
            size = max(connection.ops.bulk_batch_size(fields, rows), 1)
            for start in range(0, len(rows), size):
                model._base_manager._insert(rows[start:start + size], fields=fields, raw=True)


def _empty_again(before):
    """Empty every table that was empty before the module (all at once: PostgreSQL truncates a table only with
    those that refer to it), and delete the new rows of the others (content types, permissions), if any."""
    empty = sorted({model._meta.db_table for model, pks in before.items() if not pks})
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), empty))
    for model, pks in before.items():
        if pks:
            model._base_manager.exclude(pk__in=pks)._raw_delete(connection.alias)


@pytest.fixture(scope="module")
def installation(demo_snapshot, django_db_blocker, tmp_path_factory):
    _, written = demo_snapshot
    folder = tmp_path_factory.mktemp("installation")
    media = folder / "files"
    archive = folder / "backups" / "dangvu.tar.gz"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in stored_models()}
        try:
            _insert(written)
            clerk = User.objects.get(username="saidong")
            ward = clerk.assignments.get().organization
            document = Document.objects.filter(organization=ward).order_by("pk").first()
            attachment = attach_file(document, file=SimpleUploadedFile("339-CV-QU.pdf", PDF_BYTES), actor=clerk)
            out = io.StringIO()
            call_command("backup", str(archive), stdout=out)
            yield SimpleNamespace(archive=archive, media=media, attachment=attachment, output=out.getvalue())
        finally:
            _empty_again(before)


def _database_settings(name):
    return {**connection.settings_dict, "NAME": name}


@pytest.fixture
def empty_database(tmp_path):
    """The settings of a second, empty database of the run's engine, for a restore to go into."""
    if connection.vendor == "sqlite":
        yield _database_settings(tmp_path / "restored.sqlite3")
        return
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quoted}")
    try:
        yield _database_settings(name)
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


class Opened:
    """A connection to a restored database, outside Django's connection handler."""

    def __init__(self, settings_dict):
        self.connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="restored")

    def __enter__(self):
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()


def _tables(db):
    with db.cursor() as cursor:
        return sorted(db.introspection.table_names(cursor))


def _rows(db, table, columns, order_by):
    quote = db.ops.quote_name
    with db.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)} "
                       f"ORDER BY {', '.join(quote(c) for c in order_by)}")
        return cursor.fetchall()


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def assert_same_installation(settings_dict, media_root, installation):
    """Every table of every model, row by row ordered by primary key, the applied migrations, and every file."""
    with Opened(settings_dict) as restored:
        assert _tables(restored) == _tables(connection)
        compared = 0
        for model in stored_models():
            meta = model._meta
            columns = [field.column for field in meta.local_concrete_fields]
            source = _rows(connection, meta.db_table, columns, [meta.pk.column])
            assert _rows(restored, meta.db_table, columns, [meta.pk.column]) == source, meta.db_table
            compared += len(source)
        migrations = ["app", "name", "applied"]
        assert (_rows(restored, "django_migrations", migrations, ["app", "name"])
                == _rows(connection, "django_migrations", migrations, ["app", "name"]))
    assert compared > 5000  # the demo wards, not an empty database compared with another
    files = _files(media_root)
    assert files == _files(installation.media)
    assert files[installation.attachment.file.name] == PDF_BYTES


def _rewrite(archive: Path, destination: Path, *, member=None, change=None, manifest=None, extra=()):
    """A copy of `archive` with one member's bytes changed (`change(bytes) -> bytes`), the manifest changed
    (`manifest(dict)`), and `extra` tar members (TarInfo, bytes) added."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(destination, "w:gz") as copy:
        for info in source.getmembers():
            data = source.extractfile(info).read()
            if info.name == member:
                data = change(data)
            if info.name == services.MANIFEST and manifest:
                content = json.loads(data)
                manifest(content)
                data = json.dumps(content).encode()
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
        for info, data in extra:
            copy.addfile(info, io.BytesIO(data) if data is not None else None)
    return destination


def _untouched(settings_dict, media_root):
    """Nothing was written: no table in the target database (for SQLite, not even its file), no file."""
    if connection.vendor == "sqlite":
        assert not Path(settings_dict["NAME"]).exists()
    else:
        with Opened(settings_dict) as target:
            assert _tables(target) == []
    assert not media_root.exists() or not any(media_root.rglob("*"))


# ---------------------------------------------------------------------------------------------------- backup


def test_the_archive_holds_the_database_every_uploaded_file_and_a_manifest_of_them(installation):
    assert "Đang sao lưu cơ sở dữ liệu" in installation.output and "Sao lưu xong" in installation.output
    assert installation.archive.stat().st_mode & 0o777 == 0o600
    with tarfile.open(installation.archive, "r:gz") as tar:
        members = {info.name: info for info in tar.getmembers()}
        manifest = json.loads(tar.extractfile(services.MANIFEST).read())
        database = tar.extractfile(manifest["database"]["path"]).read()
    assert all(info.isreg() for info in members.values())
    assert (manifest["format"], manifest["version"], manifest["engine"]) == ("dangvu-backup", 1, connection.vendor)
    assert manifest["database"]["sha256"] == hashlib.sha256(database).hexdigest()
    assert "0001_initial" not in manifest["migrations"]["documents"] and manifest["migrations"]["org"]
    stored = installation.attachment.file.name
    assert {"path": f"files/{stored}", "size": len(PDF_BYTES), "sha256": installation.attachment.sha256} in (
        manifest["files"])
    assert set(members) == {services.MANIFEST, manifest["database"]["path"], *(f["path"] for f in manifest["files"])}
    if connection.vendor == "sqlite":
        assert database.startswith(b"SQLite format 3\x00")
    else:
        assert database.startswith(b"PGDMP")  # pg_dump's custom format


def test_backup_never_writes_over_an_existing_file(tmp_path):
    existing = tmp_path / "old.tar.gz"
    existing.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", str(existing), stdout=io.StringIO())
    assert existing.read_bytes() == b"an older backup"


def test_pg_dump_and_pg_restore_get_the_password_from_the_environment_never_the_command_line(monkeypatch, tmp_path):
    ran = []

    class Reader:  # pg_restore writing the dump's script, read by psql
        def __init__(self, command, env, **kw):
            ran.append((command, env))
            self.stdout, self.stderr, self.returncode = io.BytesIO(), io.BytesIO(), 0

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def wait(self):
            return 0

    monkeypatch.setattr(services.subprocess, "Popen", Reader)
    monkeypatch.setattr(services.subprocess, "run",
                        lambda command, env, **kw: ran.append((command, env)) or SimpleNamespace(returncode=0,
                                                                                                 stderr=""))
    monkeypatch.setattr(services, "_pg_tool", lambda name: f"/usr/bin/{name}")
    database = {"ENGINE": "django.db.backends.postgresql", "NAME": "dangvu", "USER": "dangvu",
                "PASSWORD": "mật-khẩu-bí-mật", "HOST": "db.example.vn", "PORT": 5433,
                "OPTIONS": {"sslmode": "require"}}
    services._dump_postgresql(database, tmp_path / "database.pgdump")
    services._Target(database).restore(tmp_path / "database.pgdump")
    [(dump, _), (script, _), (apply, _)] = ran
    assert dump[0] == "/usr/bin/pg_dump" and "--format=custom" in dump
    assert script[0] == "/usr/bin/pg_restore" and {"--no-owner", "--no-privileges", "--file=-"} <= set(script)
    assert apply[0] == "/usr/bin/psql" and {"--single-transaction", "--set=ON_ERROR_STOP=1", "--dbname=dangvu",
                                            "--command=DROP SCHEMA public CASCADE"} <= set(apply)
    for command, env in ran:
        assert not any("mật-khẩu" in arg or "db.example.vn" in arg or "5433" in arg for arg in command)
        assert (env["PGPASSWORD"], env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"],
                env["PGSSLMODE"]) == ("mật-khẩu-bí-mật", "db.example.vn", "5433", "dangvu", "dangvu", "require")


# ---------------------------------------------------------------------------------------------------- restore


def test_a_restore_into_an_empty_installation_brings_back_every_table_and_every_file(
        installation, empty_database, tmp_path):
    media = tmp_path / "restored-files"
    said = []
    result = restore_backup(installation.archive, database=empty_database, media_root=media, progress=said.append)
    assert (result.engine, result.files, result.pending_migrations) == (connection.vendor, 1, [])
    assert result.replaced.empty
    assert said[0].startswith("Đang đọc bản sao lưu") and said[-1] == "Đã phục hồi xong."
    assert any("sha256" in line for line in said) and not any("Ghi đè" in line for line in said)
    assert_same_installation(empty_database, media, installation)


def test_a_second_restore_is_refused_with_nothing_changed_and_replaces_everything_with_force(
        installation, empty_database, tmp_path):
    media = tmp_path / "restored-files"
    restore_backup(installation.archive, database=empty_database, media_root=media)
    with Opened(empty_database) as restored, restored.cursor() as cursor:
        cursor.execute("UPDATE org_organization SET name = %s WHERE code = %s", ["Đã sửa sau khi phục hồi", "saidong"])
    (media / "added-later.pdf").write_bytes(PDF_BYTES)

    with pytest.raises(BackupError) as refused:
        restore_backup(installation.archive, database=empty_database, media_root=media)
    message = str(refused.value)
    assert "cơ sở dữ liệu đã có dữ liệu" in message and "org_organization: 199 dòng" in message
    assert "đã có 2 tệp" in message and "--force" in message and "Chưa có gì bị thay đổi" in message
    with Opened(empty_database) as restored:
        assert _rows(restored, "org_organization", ["name"], ["id"]).count(("Đã sửa sau khi phục hồi",)) == 1
    assert (media / "added-later.pdf").exists()

    said = []
    result = restore_backup(installation.archive, database=empty_database, media_root=media, force=True,
                            progress=said.append)
    assert result.replaced.rows["org_organization"] == 199 and result.replaced.files == 2
    assert any(line.startswith("Ghi đè theo --force: cơ sở dữ liệu đã có dữ liệu") for line in said)
    assert_same_installation(empty_database, media, installation)


def test_restore_refuses_an_installation_that_holds_data(installation, settings):
    organizations = Organization.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(installation.archive), stdout=io.StringIO())
    message = str(refused.value)
    assert message.startswith("Không phục hồi: cơ sở dữ liệu đã có dữ liệu (")
    assert f"accounts_user: {len(DEMO_ACCOUNTS)} dòng" in message and "thư mục tệp tải lên" not in message
    assert Organization.objects.count() == organizations and Attachment.objects.count() == 1
    assert not Path(settings.MEDIA_ROOT).exists()


def test_restore_refuses_when_the_uploads_folder_is_not_empty(installation, empty_database, tmp_path):
    media = tmp_path / "restored-files"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "kept.pdf").write_bytes(PDF_BYTES)
    with pytest.raises(BackupError, match=r"thư mục tệp tải lên .* đã có 1 tệp\. "):
        restore_backup(installation.archive, database=empty_database, media_root=media)
    assert _files(media) == {"documents/kept.pdf": PDF_BYTES}
    if connection.vendor == "sqlite":
        assert not Path(empty_database["NAME"]).exists()
    else:
        with Opened(empty_database) as target:
            assert _tables(target) == []


@pytest.mark.parametrize("part", ["an uploaded file", "the database"])
def test_a_tampered_archive_is_refused_before_anything_is_written(installation, empty_database, tmp_path, part):
    with tarfile.open(installation.archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile(services.MANIFEST).read())
    member = manifest["files"][0]["path"] if part == "an uploaded file" else manifest["database"]["path"]
    # The same size, one byte different: only the sha256 tells.
    tampered = _rewrite(installation.archive, tmp_path / "tampered.tar.gz", member=member,
                        change=lambda data: data[:-1] + bytes([data[-1] ^ 1]))
    media = tmp_path / "restored-files"
    with pytest.raises(BackupError, match=f"Tệp “{member}” .* không khớp mã sha256 .* Chưa có gì bị thay đổi"):
        restore_backup(tampered, database=empty_database, media_root=media)
    _untouched(empty_database, media)
    assert not any(path.name.startswith(".dangvu-restore-") for path in tmp_path.iterdir())


def test_a_file_the_manifest_does_not_list_is_refused(installation, empty_database, tmp_path):
    info = tarfile.TarInfo("files/documents/unlisted.pdf")
    info.size = len(PDF_BYTES)
    added = _rewrite(installation.archive, tmp_path / "added.tar.gz", extra=[(info, PDF_BYTES)])
    media = tmp_path / "restored-files"
    with pytest.raises(BackupError, match="1 tệp ngoài bảng kê"):
        restore_backup(added, database=empty_database, media_root=media)
    _untouched(empty_database, media)


def _member(name, data=b"x", **fields):
    info = tarfile.TarInfo(name)
    info.size = len(data) if data is not None else 0
    for key, value in fields.items():
        setattr(info, key, value)
    return info, data


@pytest.mark.parametrize(("member", "refusal"), [
    (_member("../escaped.txt"), "đường dẫn không an toàn “../escaped.txt”"),
    (_member("files/../../escaped.txt"), "đường dẫn không an toàn"),
    (_member("/tmp/escaped.txt"), "đường dẫn không an toàn"),
    (_member("files/link", None, type=tarfile.SYMTYPE, linkname="/etc/passwd"), "“files/link” không phải tệp thường"),
    (_member("files/documents", None, type=tarfile.DIRTYPE), "không phải tệp thường"),
    (_member("settings.py"), "mục lạ “settings.py”"),
])
def test_a_member_outside_the_expected_files_is_refused(installation, empty_database, tmp_path, member, refusal):
    inside = tmp_path / "inside" / "archive.tar.gz"
    inside.parent.mkdir()
    crafted = _rewrite(installation.archive, inside, extra=[member])
    media = tmp_path / "inside" / "files"
    with pytest.raises(BackupError, match=refusal):
        restore_backup(crafted, database=empty_database, media_root=media)
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "inside" / "escaped.txt").exists()
    _untouched(empty_database, media)


def test_a_missing_archive_is_a_clear_error(tmp_path):
    missing = tmp_path / "khong-co.tar.gz"
    with pytest.raises(CommandError, match=re.escape(f"Không tìm thấy tệp sao lưu “{missing}”.")):
        call_command("restore", str(missing), stdout=io.StringIO())


def test_a_file_that_is_no_backup_is_refused(tmp_path):
    text = tmp_path / "notes.tar.gz"
    text.write_text("không phải tệp nén")
    with pytest.raises(CommandError, match="không phải bản sao lưu của Đảng vụ"):
        call_command("restore", str(text), stdout=io.StringIO())
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        info = tarfile.TarInfo("database.sqlite3")
        tar.addfile(info, io.BytesIO(b""))
    with pytest.raises(CommandError, match=r"không phải bản sao lưu của Đảng vụ \(thiếu manifest.json\)"):
        call_command("restore", str(foreign), stdout=io.StringIO())


def test_a_backup_of_the_other_engine_is_refused(installation, empty_database, tmp_path):
    other = OTHER_ENGINE[connection.vendor]
    database_member = services.DATABASE_MEMBERS[connection.vendor]

    def to_other_engine(manifest):
        manifest["engine"] = other
        manifest["database"]["path"] = services.DATABASE_MEMBERS[other]

    crafted = tmp_path / "other.tar.gz"
    with tarfile.open(installation.archive, "r:gz") as source, tarfile.open(crafted, "w:gz") as copy:
        for info in source.getmembers():
            data = source.extractfile(info).read()
            if info.name == services.MANIFEST:
                content = json.loads(data)
                to_other_engine(content)
                data = json.dumps(content).encode()
            if info.name == database_member:
                info.name = services.DATABASE_MEMBERS[other]
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    media = tmp_path / "restored-files"
    with pytest.raises(BackupError, match="không phục hồi chéo giữa hai loại cơ sở dữ liệu"):
        restore_backup(crafted, database=empty_database, media_root=media)
    _untouched(empty_database, media)


def test_a_backup_of_newer_code_is_refused(installation, empty_database, tmp_path):
    newer = _rewrite(installation.archive, tmp_path / "newer.tar.gz",
                     manifest=lambda manifest: manifest["migrations"]["org"].append("9999_from_the_future"))
    media = tmp_path / "restored-files"
    with pytest.raises(BackupError, match=r"phiên bản mới hơn .* org\.9999_from_the_future"):
        restore_backup(newer, database=empty_database, media_root=media)
    _untouched(empty_database, media)


def test_the_backup_command_writes_under_var_backups_by_default(settings, tmp_path, monkeypatch):
    """The default name, without touching the database (the test's transaction would refuse an SQLite backup)."""
    settings.VAR_DIR = tmp_path
    called = []
    monkeypatch.setattr("backups.management.commands.backup.create_backup",
                        lambda path, progress: called.append(path) or SimpleNamespace(
                            path=path, engine=connection.vendor, files=0))
    out = io.StringIO()
    call_command("backup", stdout=out)
    [path] = called
    assert path.parent == tmp_path / "backups" and re.fullmatch(r"dangvu-\d{8}-\d{6}\.tar\.gz", path.name)
    assert "Sao lưu xong" in out.getvalue()
