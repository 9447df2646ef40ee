"""Papers drawn once and kept (issue 15, "HTTP under load"): drawing a Paper as PDF costs about 180 ms of CPU, as DOCX
about 60 ms; building the Paper itself (the neutral content, from rows already read) a few ms. A paper is therefore
drawn once, kept in the file storage, and handed out again until what it prints changes.

The key of a kept paper is the digest of everything it prints, not a list of the records that feed it: the Paper
itself (every line of the header, the body, the signatures and the recipients, the file's title) with the format and
the version of the code that draws it (the renderers, the layout, the fonts, fpdf2 and python-docx). A change to the
meeting, its attendance, agenda, decisions, key tasks, a person's name, the letterhead's units or the signer changes
the Paper, so its digest, so the file asked for: no paper drawn before a change can be handed out after it, whichever
record changed and whichever path changed it (a service, the admin, a migration). A new release that draws papers
differently changes the code's digest, and every paper is drawn anew.

Kept through Django's storage API (the default storage): with OBJECT_STORE_BUCKET set, the object store that every app
server shares, so a paper drawn on one server is handed out by all; without it, the server's own MEDIA_ROOT. Not in
the cache: a paper is a file of 40–60 KB that every server should find (the cache is optional and, unset, each
process's own memory), and nothing may depend on the cache (README). Losing a kept paper loses nothing: it is drawn
again. When a new paper of a record is kept, the earlier ones of the same kind and format are deleted, so the storage
holds one paper per record, kind and format.
"""

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import logging
import re
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from documents.papers import FORMATS

logger = logging.getLogger(__name__)

FOLDER = "papers"
ROOT = Path(__file__).resolve().parent.parent
# What turns a Paper into bytes: its modules' source and the fonts, and the libraries' versions.
DRAWING_CODE = ("documents/layout.py", "documents/render_pdf.py", "documents/render_docx.py", "core/text.py",
                "documents/kept.py")
DRAWING_FILES = tuple(sorted((ROOT / "documents" / "fonts").glob("*.ttf")))
DRAWING_LIBRARIES = ("fpdf2", "python-docx")


@functools.cache
def drawing_version() -> str:
    """The digest of the code, fonts and libraries that draw a Paper: computed once per process."""
    digest = hashlib.sha256()
    for path in (*(ROOT / name for name in DRAWING_CODE), *DRAWING_FILES):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for library in DRAWING_LIBRARIES:
        digest.update(f"{library}=={importlib.metadata.version(library)}".encode())
    return digest.hexdigest()


def fingerprint(paper, fmt: str) -> str:
    """The digest of what the paper prints in `fmt`, as this code draws it."""
    printed = json.dumps([dataclasses.asdict(paper), fmt, drawing_version()], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(printed.encode()).hexdigest()


def kept_name(folder: str, kind: str, paper, fmt: str) -> str:
    """Where the paper is kept: papers/<folder>/<kind>-<fingerprint>.<fmt>."""
    return f"{FOLDER}/{folder}/{kind}-{fingerprint(paper, fmt)}.{fmt}"


def render_kept(paper, fmt: str, *, folder: str, kind: str) -> bytes:
    """The paper drawn in `fmt` (a key of documents.papers.FORMATS): the kept file if one was drawn from the same
    content by the same code, else drawn now and kept. `folder` names the record ("meetings/<id>"), `kind` the paper
    ("minutes")."""
    storage = storages["default"]
    name = kept_name(folder, kind, paper, fmt)
    try:
        with storage.open(name, "rb") as kept:
            return kept.read()
    except FileNotFoundError:
        pass
    except Exception as error:  # a store out of reach (botocore's errors are not OSError): draw it
        logger.warning("could not read the kept paper %s: %s", name, error)
    content = FORMATS[fmt][1](paper)
    _keep(storage, name, content, folder=folder, kind=kind, fmt=fmt)
    return content


def _keep(storage, name: str, content: bytes, *, folder: str, kind: str, fmt: str) -> None:
    """Store the paper under `name` and delete the earlier papers of the same kind and format. A storage that fails
    costs only the keeping: the paper just drawn is handed out all the same, and drawn again next time."""
    try:
        stored = storage.save(name, ContentFile(content))
        if stored != name:  # another worker kept the same paper meanwhile: the storage gave this one another name
            storage.delete(stored)
        older = re.compile(rf"{re.escape(kind)}-[0-9a-f]{{64}}\.{re.escape(fmt)}")
        for other in storage.listdir(f"{FOLDER}/{folder}")[1]:
            if older.fullmatch(other) and other != name.rpartition("/")[2]:
                storage.delete(f"{FOLDER}/{folder}/{other}")
    except Exception as error:  # OSError on disk; botocore's ClientError, EndpointConnectionError …
        logger.warning("could not keep the paper %s: %s", name, error)
