"""Reading and writing source files without losing anything.

A source file is bytes with an encoding (PEP 263 cookie or UTF-8), maybe a UTF-8 BOM,
and whatever line endings it has. We decode once, hand text without the BOM to the
rules, and encode the result the same way. LibCST itself keeps each line's ending, so
CRLF stays CRLF and mixed endings stay mixed.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from typing import Optional


class SourceError(Exception):
    """A file that cannot be read or written safely; the message names the problem."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class NotTouched(SourceError):
    """A file the tool declines to touch, losing nothing (a notebook whose JSON layout it
    cannot reproduce): a skip with its reason, not a failure."""


@dataclass(frozen=True)
class SourceText:
    text: str  # without the BOM
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes:
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as e:
            line = text.count("\n", 0, e.start) + 1
            raise SourceError(f"the rewritten text cannot be encoded as {self.encoding}", line) from e
        return (codecs.BOM_UTF8 + data) if self.bom else data


def decode(data: bytes) -> SourceText:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as e:  # unknown codec in the cookie, or BOM + non-utf-8 cookie
        raise SourceError(f"cannot determine the encoding: {e.msg if hasattr(e, 'msg') else e}", 1) from e
    bom = encoding == "utf-8-sig"
    if bom:
        data = data[len(codecs.BOM_UTF8):]
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise SourceError(f"not valid {encoding} (byte {e.start})", line) from e
    return SourceText(text, encoding, bom)


def read(path: str) -> SourceText:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror}") from e
    return decode(data)


TEMP_PREFIX = ".tf1to2-"  # + the writing process' id + "-" + random + ".tmp"


def remove_stale_temporaries(folders) -> list[str]:
    """Remove the temporary files a run killed while writing left in ``folders``: those
    whose writing process is gone (a running one's are its business). Their content is
    never a file's: the file itself was either replaced whole or not at all."""
    removed = []
    for folder in folders:
        try:
            names = [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX) and n.endswith(".tmp")]
        except OSError:
            continue
        for name in names:
            pid = name[len(TEMP_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)):
                continue
            path = os.path.join(folder, name)
            try:
                if os.path.isfile(path) and not os.path.islink(path):
                    os.unlink(path)
                    removed.append(path)
            except OSError:
                pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def _copy_xattrs(source: str, target: str) -> None:
    """Extended attributes (SELinux labels, user tags) go with the contents where the
    system has them; what cannot be copied is left."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(target, name, os.getxattr(source, name))
        except OSError:
            pass


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: str, data: bytes, create: bool = False, expected: Optional[str] = None) -> None:
    """Replace the file behind ``path`` with ``data`` all at once, keeping its mode
    (setuid/setgid bits included), owner where permitted, and extended attributes.

    A symlink is written through (its target is replaced, the link stays a link). A file
    we may not write is an error, even though replacing it would be possible: read-only
    means "do not touch". With ``create``, a missing file is made the same way, with the
    mode the umask gives a new file (the run's own outputs: report, name map). With
    ``expected`` (the ``digest`` of the bytes the rewrite was made from), a file that
    changed since (another run, an editor) is not written: its changes would be lost.
    The write is a rename: a file with other hard links gets a copy of its own.
    """
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError as e:
        if not create:
            raise SourceError(f"cannot stat: {e.strerror}") from e
        st = None
    except OSError as e:
        raise SourceError(f"cannot stat: {e.strerror}") from e
    # No write bit at all means "do not touch", even for root, whom os.access lets through.
    if st is not None and (not os.access(real, os.W_OK) or not st.st_mode & 0o222):
        raise SourceError("file is read-only; not written")
    directory = os.path.dirname(real) or "."
    try:
        folder_writable = os.stat(directory).st_mode & 0o222
    except OSError as e:
        raise SourceError(f"cannot stat its folder: {e.strerror}") from e
    if not folder_writable:  # as for a file: read-only means "do not touch", root too
        raise SourceError("its folder is read-only; not written")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=directory)
    except OSError as e:  # a writable file in a folder we may not create files in
        raise SourceError(f"cannot write: no new file can be made in its folder ({e.strerror}); not written") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if st is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        else:
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not permitted for non-root; the mode is what matters
            os.chmod(tmp, stat.S_IMODE(st.st_mode))  # after chown, which clears setuid/setgid
            _copy_xattrs(real, tmp)
        if expected is not None:
            try:
                with open(real, "rb") as f:
                    now = digest(f.read())
            except OSError as e:
                raise SourceError(f"cannot read it again before writing: {e.strerror}; not written") from e
            if now != expected:
                raise SourceError("changed on disk since it was read (another run or an editor?); not written, "
                                  "so those changes are kept: run again")
        os.replace(tmp, real)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise SourceError(f"cannot write: {e.strerror}") from e
        raise
