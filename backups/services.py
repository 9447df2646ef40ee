"""Backup and restore of a whole installation: the database and the uploaded files (MEDIA_ROOT), in one .tar.gz.

The archive holds only regular files:

    database.sqlite3 | database.pgdump   the database: SQLite's online backup API, or pg_dump's custom format (-Fc)
    files/<path under MEDIA_ROOT>        every uploaded file
    manifest.json                        written last: format and version, engine, time of the backup, the applied
                                         migration heads per app, and the size and sha256 of every other member

Both read and write the uploaded files as files under MEDIA_ROOT, the default storage. With an object store
configured (OBJECT_STORE_BUCKET: the files are objects of a bucket, not files of this machine) both refuse, naming
what to do instead, rather than write a backup without the files or restore files no server would read.

A restore goes into an empty installation only (`restore_target_contents` says what "empty" means), unless forced.
Nothing is changed before the whole archive has been read and every member checked against the manifest; the
database is then replaced (SQLite: the backup API again, into settings' NAME; PostgreSQL: its schema dropped and
the dump's script applied, in one transaction), and last the uploaded files.
"""

import contextlib
import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db import Error as DatabaseError
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend
from django.utils import timezone

FORMAT = "dangvu-backup"
VERSION = 1
MANIFEST = "manifest.json"
FILES_PREFIX = "files/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Tables a restore may replace even without --force: what `migrate` writes by itself (content types,
# permissions; django_migrations is no model) and the sessions and login-throttling logs, which hold no ward data.
BOOKKEEPING_TABLES = frozenset({
    "django_content_type", "auth_permission", "django_session",
    "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog",
})
# Named first when a restore is refused: the tables that say most plainly that the installation is in use.
KEY_TABLES = ("org_organization", "accounts_user", "org_person", "members_partymember", "documents_document",
              "meetings_meeting")
CHUNK = 1024 * 1024
PROGRESS_EVERY = 200  # files

Progress = Callable[[str], object]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese, for the operator."""


def _silent(message: str) -> None:
    pass


OBJECT_STORE_REFUSAL = (
    "Tệp tải lên đang được lưu trong kho lưu trữ đối tượng (OBJECT_STORE_BUCKET), không phải trong thư mục "
    "MEDIA_ROOT của máy này: lệnh backup và restore chưa sao lưu, phục hồi được tệp ở đó. Hãy sao lưu cơ sở dữ liệu "
    "bằng công cụ của nó (pg_dump) và kho lưu trữ đối tượng bằng công cụ của kho (bật lưu nhiều phiên bản cho "
    "bucket, hoặc chép bucket sang nơi khác, ví dụ bằng rclone). Chưa có gì được ghi hay bị thay đổi."
)


def require_files_on_disk() -> None:
    """Backup and restore copy the files under MEDIA_ROOT: refused when the uploaded files are kept elsewhere (an
    object store), since a backup would miss them and a restore would put them where no server reads them."""
    if not isinstance(storages["default"], FileSystemStorage):
        raise BackupError(OBJECT_STORE_REFUSAL)


def _mb(size: int) -> str:
    return f"{size / 1048576:.1f} MB"


def when(created: str) -> str:
    """A manifest's ISO time as people read it here: 03/12/2026 15:50 (local time)."""
    try:
        return timezone.localtime(datetime.datetime.fromisoformat(created)).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return created


def default_archive_path(now: datetime.datetime | None = None) -> Path:
    """var/backups/dangvu-YYYYmmdd-HHMMSS.tar.gz, by local time."""
    now = timezone.localtime(now)
    return Path(settings.VAR_DIR) / "backups" / f"dangvu-{now:%Y%m%d-%H%M%S}.tar.gz"


# ---------------------------------------------------------------------------------------------------- backup


@dataclass
class BackupResult:
    path: Path
    size: int
    engine: str
    database_size: int
    files: int
    files_size: int


def create_backup(path, *, progress: Progress = _silent, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write one archive at `path` (never over an existing file) holding the database of `using` and every file
    under MEDIA_ROOT. The archive is written beside its final name and renamed into place when complete, readable
    by its owner only (it holds personal data and password hashes)."""
    require_files_on_disk()
    connection = connections[using]
    engine = _engine(connection.vendor)
    path = Path(path)
    if path.exists():
        raise BackupError(f"Tệp “{path}” đã có: hãy chọn tên khác, bản sao lưu cũ không bị ghi đè.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Không tạo được thư mục “{path.parent}”: {exc.strerror or exc}.") from exc
    media_root = Path(settings.MEDIA_ROOT)
    if path.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(f"Không ghi bản sao lưu vào trong thư mục tệp tải lên {media_root}: hãy chọn nơi khác.")

    with tempfile.TemporaryDirectory(prefix=".dangvu-backup-", dir=path.parent) as work:
        dump = Path(work) / DATABASE_MEMBERS[engine]
        progress(f"Đang sao lưu cơ sở dữ liệu {ENGINE_LABELS[engine]} …")
        if engine == "sqlite":
            _dump_sqlite(connection, dump)
        else:
            _dump_postgresql(connection.settings_dict, dump)
        progress(f"Đã sao lưu cơ sở dữ liệu ({_mb(dump.stat().st_size)}).")
        heads = migration_heads(connection)

        sources = _media_files(media_root, progress)
        total = sum(size for _, _, size in sources)
        progress(f"Đang đóng gói {len(sources)} tệp tải lên ({_mb(total)}) từ {media_root} …")
        handle, part = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                database = _add(tar, dump, DATABASE_MEMBERS[engine])
                files = []
                for number, (source, relative, _) in enumerate(sources, start=1):
                    files.append(_add(tar, source, FILES_PREFIX + relative))
                    if number % PROGRESS_EVERY == 0 and number < len(sources):
                        progress(f"  … {number}/{len(sources)} tệp")
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "engine": engine,
                    "created": timezone.localtime().isoformat(timespec="seconds"),
                    "django": django.get_version(),
                    "migrations": heads,
                    "database": database,
                    "files": files,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
                tar.addfile(info, _Reader(data))
            os.replace(part, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(part)
            raise
    size = path.stat().st_size
    progress(f"Đã ghi bản sao lưu {path} ({_mb(size)}).")
    return BackupResult(path=path, size=size, engine=engine, database_size=database["size"], files=len(files),
                        files_size=sum(entry["size"] for entry in files))


def _engine(vendor: str) -> str:
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Chưa hỗ trợ sao lưu và phục hồi cơ sở dữ liệu loại “{vendor}” (chỉ SQLite và PostgreSQL).")
    return vendor


def _dump_sqlite(connection, target: Path) -> None:
    """SQLite's online backup API from the connection itself (which also reaches an in-memory database), in one
    step: one consistent read of the database while other connections may keep writing to it."""
    if connection.in_atomic_block:
        raise BackupError("Không sao lưu được từ bên trong một giao dịch đang mở.")
    connection.ensure_connection()
    if connection.connection.in_transaction:
        raise BackupError("Không sao lưu được khi kết nối cơ sở dữ liệu đang có giao dịch chưa kết thúc.")
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    except sqlite3.Error as exc:
        raise BackupError(f"Sao lưu cơ sở dữ liệu SQLite thất bại: {exc}.") from exc
    finally:
        destination.close()


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """The environment for pg_dump and pg_restore: every connection setting as a libpq variable, so that none (the
    password least of all) shows on the command line."""
    options = settings_dict.get("OPTIONS") or {}
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", settings_dict.get("HOST")),
        ("PGPORT", settings_dict.get("PORT")),
        ("PGUSER", settings_dict.get("USER")),
        ("PGPASSWORD", settings_dict.get("PASSWORD")),
        ("PGDATABASE", settings_dict.get("NAME")),
        ("PGSERVICE", options.get("service")),
        ("PGPASSFILE", options.get("passfile")),
        ("PGSSLMODE", options.get("sslmode")),
        ("PGSSLROOTCERT", options.get("sslrootcert")),
        ("PGSSLCERT", options.get("sslcert")),
        ("PGSSLKEY", options.get("sslkey")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _pg_tool(name: str) -> str:
    """pg_dump, pg_restore or psql: from PATH, else the newest of Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    installed = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                       key=lambda p: [int(part) if part.isdigit() else 0 for part in Path(p).parts[-3].split(".")])
    if installed:
        return installed[-1]
    raise BackupError(f"Không tìm thấy chương trình {name}: hãy cài gói postgresql-client cùng phiên bản với máy chủ.")


def _run(command: list[str], env: dict[str, str], failure: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BackupError(f"{failure}: không chạy được {command[0]} ({exc.strerror or exc}).") from exc
    if done.returncode != 0:
        detail = "\n".join(done.stderr.strip().splitlines()[-10:]) or f"mã thoát {done.returncode}"
        raise BackupError(f"{failure}:\n{detail}")


def _restore_postgresql(settings_dict: dict, dump: Path, failure: str) -> None:
    """Replace the database's contents with the dump's, in one transaction: its schema `public` dropped and made
    again, then the dump's script (pg_restore to a script, streamed into psql). Not pg_restore --clean: it drops a
    partition's own constraints and indexes one by one, which PostgreSQL refuses (the audit log's months, audit.
    partitions), where dropping the schema drops them with their tables. Any error rolls everything back."""
    env = pg_environment(settings_dict)
    script = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(dump)]
    apply = [_pg_tool("psql"), "--no-psqlrc", "--quiet", "--no-password", "--single-transaction",
             "--set=ON_ERROR_STOP=1", f"--dbname={settings_dict['NAME']}",
             "--command=DROP SCHEMA public CASCADE", "--command=CREATE SCHEMA public", "--file=-"]
    try:
        with subprocess.Popen(script, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
            done = subprocess.run(apply, env=env, stdin=reader.stdout, capture_output=True, text=True, check=False)
            reader.stdout.close()
            read_errors = reader.stderr.read().decode(errors="replace")
            reader.wait()
    except OSError as exc:
        raise BackupError(f"{failure}: không chạy được {exc.filename or 'pg_restore/psql'} ({exc.strerror or exc}).") \
            from exc
    for code, errors in ((reader.returncode, read_errors), (done.returncode, done.stderr)):
        if code != 0:
            detail = "\n".join(errors.strip().splitlines()[-10:]) or f"mã thoát {code}"
            raise BackupError(f"{failure}:\n{detail}")


def _dump_postgresql(settings_dict: dict, target: Path) -> None:
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"],
         pg_environment(settings_dict), "pg_dump thất bại")


def migration_heads(connection) -> dict[str, list[str]]:
    """The last applied migrations of each app (those no other applied migration of the app follows)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = set(loader.applied_migrations)
    heads: dict[str, list[str]] = {}
    for key in applied:
        node = loader.graph.node_map.get(key)
        children = {child.key for child in node.children} if node else set()
        if not any(child in applied and child[0] == key[0] for child in children):
            heads.setdefault(key[0], []).append(key[1])
    return {app: sorted(names) for app, names in sorted(heads.items())}


def _media_files(media_root: Path, progress: Progress) -> list[tuple[Path, str, int]]:
    """Every regular file under MEDIA_ROOT: (path, path relative to MEDIA_ROOT in POSIX form, size), sorted.
    Anything else (links, sockets) is left out and named."""
    found = []
    if not media_root.is_dir():
        return found
    for folder, dirs, names in os.walk(media_root):
        dirs.sort()
        for name in sorted(names):
            source = Path(folder) / name
            relative = source.relative_to(media_root).as_posix()
            stat = source.lstat()
            if source.is_symlink() or not source.is_file():
                progress(f"  Bỏ qua “{relative}”: không phải tệp thường.")
                continue
            found.append((source, relative, stat.st_size))
    return found


class _Reader:
    """A file object for TarFile.addfile that hashes what it hands over."""

    def __init__(self, data: bytes | None = None, file=None):
        self.file, self.data, self.offset = file, data, 0
        self.hash = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        if self.file is not None:
            chunk = self.file.read(size)
        else:
            end = len(self.data) if size < 0 else self.offset + size
            chunk, self.offset = self.data[self.offset:end], min(end, len(self.data))
        self.hash.update(chunk)
        return chunk


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    """Add one file as a regular member, reading it once: its manifest entry hashes exactly the bytes stored."""
    try:
        with open(source, "rb") as file:
            stat = os.fstat(file.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
            reader = _Reader(file=file)
            tar.addfile(info, reader)
    except OSError as exc:
        raise BackupError(f"Không chép được tệp “{source}” vào bản sao lưu (tệp bị xóa hoặc đổi trong khi sao lưu, "
                          f"hoặc đĩa đầy?): {exc}. Bản sao lưu chưa được ghi.") from exc
    return {"path": name, "size": info.size, "sha256": reader.hash.hexdigest()}


# ---------------------------------------------------------------------------------------------------- restore


@dataclass
class TargetContents:
    """What a restore would replace: rows per table (bookkeeping tables left out) and the files under MEDIA_ROOT."""

    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0

    @property
    def empty(self) -> bool:
        return not self.rows and not self.files

    def describe(self, media_root: Path) -> str:
        parts = []
        if self.rows:
            tables = sorted(self.rows.items(), key=lambda item: (
                KEY_TABLES.index(item[0]) if item[0] in KEY_TABLES else len(KEY_TABLES), -item[1], item[0]))
            shown = ", ".join(f"{table}: {count} dòng" for table, count in tables[:6])
            more = f" và {len(tables) - 6} bảng khác" if len(tables) > 6 else ""
            parts.append(f"cơ sở dữ liệu đã có dữ liệu ({shown}{more})")
        if self.files:
            parts.append(f"thư mục tệp tải lên {media_root} đã có {self.files} tệp")
        return "; ".join(parts)


@dataclass
class RestoreResult:
    engine: str
    created: str
    database_size: int
    files: int
    replaced: TargetContents
    pending_migrations: list[str]


class _Target:
    """The database a restore writes to: the default connection, or one built from a settings dict (tests restore
    into a second database so that they can compare it with the first)."""

    def __init__(self, database: dict | None):
        default = connections[DEFAULT_DB_ALIAS]
        if database is None or database is default.settings_dict:
            self.connection, self.own = default, False
        else:
            database = dict(database)
            for key, value in (("ATOMIC_REQUESTS", False), ("AUTOCOMMIT", True), ("CONN_MAX_AGE", 0),
                               ("CONN_HEALTH_CHECKS", False), ("OPTIONS", {}), ("TIME_ZONE", None)):
                database.setdefault(key, value)
            self.connection = load_backend(database["ENGINE"]).DatabaseWrapper(database, alias="backup-target")
            self.own = True
        self.vendor = self.connection.vendor
        self.settings_dict = self.connection.settings_dict

    @property
    def label(self) -> str:
        return f"{ENGINE_LABELS.get(self.vendor, self.vendor)} “{self.settings_dict['NAME']}”"

    def _sqlite_file_missing(self) -> bool:
        name = str(self.settings_dict["NAME"])
        in_memory = name == ":memory:" or "mode=memory" in name
        return self.vendor == "sqlite" and not in_memory and not Path(name).exists()

    def rows(self) -> dict[str, int]:
        """Rows per table of the installed models, bookkeeping tables left out; a table not there counts as empty
        (a database never migrated, or created empty for the restore). A missing SQLite file is not created."""
        if self._sqlite_file_missing():
            return {}
        quote = self.connection.ops.quote_name
        counts = {}
        try:
            with self.connection.cursor() as cursor:
                present = set(self.connection.introspection.table_names(cursor))
                for table in sorted({model._meta.db_table for model in stored_models()} & present):
                    if table in BOOKKEEPING_TABLES:
                        continue
                    cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
                    count = cursor.fetchone()[0]
                    if count:
                        counts[table] = count
        except DatabaseError as exc:
            raise BackupError(f"Không đọc được cơ sở dữ liệu đích {self.label}: {exc}") from exc
        return counts

    def release(self) -> None:
        """Close the connection, so that it holds no lock while the database is replaced and sees the new one
        afterwards. The default connection inside a transaction cannot be: the restore refuses."""
        if self.connection.in_atomic_block:
            raise BackupError("Không phục hồi được từ bên trong một giao dịch đang mở trên cơ sở dữ liệu đích.")
        self.connection.close()

    def restore(self, dump: Path) -> None:
        self.release()
        if self.vendor == "sqlite":
            if not str(self.settings_dict["NAME"]).startswith("file:"):
                Path(self.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            self.connection.ensure_connection()  # with the settings' OPTIONS (journal mode, timeout)
            source = sqlite3.connect(dump)
            try:
                source.backup(self.connection.connection)
            except sqlite3.Error as exc:
                raise BackupError(f"Chép cơ sở dữ liệu vào {self.label} thất bại: {exc}.") from exc
            finally:
                source.close()
                self.connection.close()
        else:
            _restore_postgresql(self.settings_dict, dump,
                                f"pg_restore vào {self.label} thất bại (cơ sở dữ liệu không bị thay đổi)")

    def pending_migrations(self) -> list[str]:
        """The migrations of this code not applied in the restored database (the backup is older). Read with plain
        SQL: a target built from a settings dict has no alias for the migration recorder to use."""
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote('app')}, {quote('name')} FROM {quote('django_migrations')}")
            applied = set(cursor.fetchall())
        self.connection.close()
        graph = MigrationLoader(None, ignore_no_migrations=True).graph
        pending = []
        for leaf in graph.leaf_nodes():
            pending += [key for key in graph.forwards_plan(leaf) if key not in applied and key not in pending]
        return [f"{app}.{name}" for app, name in pending]

    def close(self) -> None:
        if self.own:
            self.connection.close()


def stored_models():
    """The models that have a table of their own."""
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy]


def restore_target_contents(database: dict | None = None, media_root=None) -> TargetContents:
    """What a restore would replace. The installation counts as empty when no table holds a row, save those
    `migrate` fills by itself and the session and login-throttling logs (BOOKKEEPING_TABLES), and no file lies
    under MEDIA_ROOT (empty folders do not count)."""
    target = _Target(database)
    try:
        return _contents(target, Path(media_root or settings.MEDIA_ROOT))
    finally:
        target.close()


def _contents(target: _Target, media_root: Path) -> TargetContents:
    files = sum(len(names) for _, _, names in os.walk(media_root)) if media_root.is_dir() else 0
    return TargetContents(rows=target.rows(), files=files)


def restore_backup(path, *, force: bool = False, progress: Progress = _silent, database: dict | None = None,
                   media_root=None) -> RestoreResult:
    """Restore the archive at `path` into the database (the default one, or `database`, a settings dict) and
    MEDIA_ROOT (or `media_root`). Refused, with nothing changed, when the archive is missing, not ours, damaged
    or tampered with, from the other database engine or from newer code, or when the installation is not empty
    and `force` is not given."""
    require_files_on_disk()
    path = Path(path)
    if not path.exists():
        raise BackupError(f"Không tìm thấy tệp sao lưu “{path}”.")
    if not path.is_file():
        raise BackupError(f"“{path}” không phải một tệp sao lưu (đó là một thư mục hoặc tệp đặc biệt).")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    target = _Target(database)
    try:
        return _restore(path, target, media_root, force, progress)
    finally:
        target.close()


def _restore(path: Path, target: _Target, media_root: Path, force: bool, progress: Progress) -> RestoreResult:
    progress(f"Đang đọc bản sao lưu {path} …")
    with _open_archive(path) as tar:
        try:
            members = _checked_members(tar, path)
            manifest = _read_manifest(tar, members, path)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise BackupError(f"Bản sao lưu “{path}” bị hỏng, không đọc hết được: {exc}.") from exc
        entries = [manifest["database"], *manifest["files"]]
        _check_members_match(members, entries, path)
        engine = manifest["engine"]
        progress(f"Bản sao lưu {ENGINE_LABELS[engine]} tạo lúc {when(manifest['created'])}: cơ sở dữ liệu "
                 f"{_mb(manifest['database']['size'])}, {len(manifest['files'])} tệp tải lên.")
        if engine != target.vendor:
            raise BackupError(
                f"Bản sao lưu này là của {ENGINE_LABELS[engine]}, còn cơ sở dữ liệu đích là "
                f"{ENGINE_LABELS.get(target.vendor, target.vendor)}: không phục hồi chéo giữa hai loại cơ sở dữ liệu.")
        _check_migrations_known(manifest["migrations"])

        contents = _contents(target, media_root)
        if not contents.empty and not force:
            raise BackupError(
                f"Không phục hồi: {contents.describe(media_root)}. Lệnh restore chỉ phục hồi vào một bản cài đặt "
                f"trống; thêm --force để thay thế toàn bộ dữ liệu và tệp hiện có. Chưa có gì bị thay đổi.")

        media_root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".dangvu-restore-", dir=media_root.parent))
        try:
            progress(f"Đang giải nén và kiểm tra {len(entries)} tệp (kích thước, sha256) …")
            _extract_verified(tar, members, entries, staging, path, progress)

            if not contents.empty:
                progress(f"Ghi đè theo --force: {contents.describe(media_root)}; tất cả sẽ được thay bằng nội dung "
                         f"của bản sao lưu.")
            progress(f"Đang phục hồi cơ sở dữ liệu vào {target.label} …")
            target.restore(staging / manifest["database"]["path"])
            progress("Đã phục hồi cơ sở dữ liệu.")
            progress(f"Đang đặt {len(manifest['files'])} tệp tải lên vào {media_root} …")
            _replace_media(staging / FILES_PREFIX.rstrip("/"), media_root, manifest["files"],
                           replace=bool(contents.files))
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    pending = target.pending_migrations()
    progress("Đã phục hồi xong.")
    if pending:
        progress(f"Mã nguồn có {len(pending)} migration mới hơn bản sao lưu: hãy chạy python manage.py migrate.")
    return RestoreResult(engine=engine, created=manifest["created"], database_size=manifest["database"]["size"],
                         files=len(manifest["files"]), replaced=contents, pending_migrations=pending)


def _open_archive(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:gz")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(f"“{path}” không phải bản sao lưu của Đảng vụ (không đọc được dạng .tar.gz).") from exc


def _checked_members(tar: tarfile.TarFile, path: Path) -> dict[str, tarfile.TarInfo]:
    """Every member, by name, once each: regular files only, at a plain relative path, under the expected names
    (the manifest, the database, files/…). Anything else refuses the archive before a byte is written."""
    members: dict[str, tarfile.TarInfo] = {}
    for member in tar.getmembers():
        name = member.name
        parts = PurePosixPath(name).parts
        if (name.startswith("/") or "\\" in name or "\x00" in name or ".." in parts
                or PurePosixPath(name).as_posix() != name):
            raise BackupError(f"Bản sao lưu “{path}” có mục với đường dẫn không an toàn “{name}”: từ chối phục hồi.")
        if not member.isreg():
            raise BackupError(f"Bản sao lưu “{path}” có mục “{name}” không phải tệp thường: từ chối phục hồi.")
        if not (name == MANIFEST or name in DATABASE_MEMBERS.values()
                or (name.startswith(FILES_PREFIX) and len(parts) > 1)):
            raise BackupError(f"Bản sao lưu “{path}” có mục lạ “{name}”: đây không phải bản sao lưu của Đảng vụ.")
        if name in members:
            raise BackupError(f"Bản sao lưu “{path}” có mục “{name}” hai lần: từ chối phục hồi.")
        members[name] = member
    return members


def _read_manifest(tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], path: Path) -> dict:
    foreign = f"“{path}” không phải bản sao lưu của Đảng vụ"
    member = members.get(MANIFEST)
    if member is None:
        raise BackupError(f"{foreign} (thiếu {MANIFEST}).")
    if member.size > 64 * 1024 * 1024:
        raise BackupError(f"{foreign} ({MANIFEST} lớn bất thường).")
    try:
        manifest = json.loads(tar.extractfile(member).read().decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"Bảng kê {MANIFEST} của “{path}” bị hỏng (không phải JSON).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{foreign} ({MANIFEST} không mang định dạng {FORMAT}).")
    if manifest.get("version") != VERSION:
        raise BackupError(f"Bản sao lưu “{path}” theo định dạng phiên bản {manifest.get('version')!r}; mã nguồn này "
                          f"chỉ đọc được phiên bản {VERSION}.")
    try:
        engine = manifest["engine"]
        entries = [manifest["database"], *manifest["files"]]
        valid = (engine in DATABASE_MEMBERS and manifest["database"]["path"] == DATABASE_MEMBERS[engine]
                 and isinstance(manifest["created"], str) and isinstance(manifest["migrations"], dict)
                 and all(isinstance(e["path"], str) and isinstance(e["size"], int) and isinstance(e["sha256"], str)
                         for e in entries)
                 and all(e["path"].startswith(FILES_PREFIX) for e in manifest["files"])
                 and all(isinstance(names, list) and all(isinstance(n, str) for n in names)
                         for names in manifest["migrations"].values()))
    except (KeyError, TypeError) as exc:
        raise BackupError(f"Bảng kê {MANIFEST} của “{path}” bị hỏng (thiếu hoặc sai trường {exc}).") from exc
    if not valid:
        raise BackupError(f"Bảng kê {MANIFEST} của “{path}” bị hỏng (sai định dạng các trường).")
    return manifest


def _check_members_match(members: dict[str, tarfile.TarInfo], entries: list[dict], path: Path) -> None:
    listed = [entry["path"] for entry in entries]
    if len(set(listed)) != len(listed):
        raise BackupError(f"Bảng kê {MANIFEST} của “{path}” kê một tệp hai lần: từ chối phục hồi.")
    missing = sorted(set(listed) - set(members))
    extra = sorted(set(members) - set(listed) - {MANIFEST})
    if missing:
        raise BackupError(f"Bản sao lưu “{path}” thiếu {len(missing)} tệp có trong bảng kê, ví dụ “{missing[0]}”.")
    if extra:
        raise BackupError(f"Bản sao lưu “{path}” có {len(extra)} tệp ngoài bảng kê, ví dụ “{extra[0]}”: "
                          f"từ chối phục hồi.")


def _check_migrations_known(heads: dict[str, list[str]]) -> None:
    """A backup from newer code (migrations this code does not have) would leave a schema the code does not know."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    unknown = sorted(f"{app}.{name}" for app, names in heads.items() for name in names
                     if (app, name) not in graph.nodes)
    if unknown:
        raise BackupError(
            f"Bản sao lưu được tạo bởi phiên bản mới hơn của phần mềm (có migration mà mã nguồn này chưa có: "
            f"{', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}). Hãy cập nhật mã nguồn rồi phục hồi lại.")


def _extract_verified(tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], entries: list[dict],
                      staging: Path, path: Path, progress: Progress) -> None:
    """Extract every listed member into `staging` (in archive order, with tarfile's "data" filter) and check its
    size and sha256 against the manifest."""
    by_path = {entry["path"]: entry for entry in entries}
    done = 0
    for name, member in members.items():
        if name == MANIFEST:
            continue
        entry = by_path[name]
        if member.size != entry["size"]:
            raise BackupError(f"Tệp “{name}” trong bản sao lưu “{path}” có kích thước {member.size} byte, bảng kê "
                              f"ghi {entry['size']} byte: bản sao lưu bị hỏng hoặc bị sửa. Chưa có gì bị thay đổi.")
        try:
            tar.extract(member, staging, filter="data")
        except tarfile.FilterError as exc:
            raise BackupError(f"Bản sao lưu “{path}” có mục không an toàn “{name}”: từ chối phục hồi.") from exc
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise BackupError(f"Bản sao lưu “{path}” bị hỏng, không giải nén được “{name}”: {exc}.") from exc
        if _sha256(staging / name) != entry["sha256"]:
            raise BackupError(f"Tệp “{name}” trong bản sao lưu “{path}” không khớp mã sha256 trong bảng kê: bản sao "
                              f"lưu bị hỏng hoặc bị sửa. Chưa có gì bị thay đổi.")
        done += 1
        if done % PROGRESS_EVERY == 0 and done < len(entries):
            progress(f"  … {done}/{len(entries)} tệp")


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as opened:
        while chunk := opened.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _replace_media(staged: Path, media_root: Path, entries: list[dict], *, replace: bool) -> None:
    """Move the checked files into MEDIA_ROOT; with `replace`, what was there goes first."""
    media_root.mkdir(parents=True, exist_ok=True)
    if replace:
        for child in media_root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    for entry in entries:
        relative = entry["path"][len(FILES_PREFIX):]
        destination = media_root / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staged / relative, destination)
