"""Write output files and folders so that no run can lose a user's file.

Three rules, whatever the command:

- an input is never replaced: the target is compared with every file the command read, after
  resolving symlinks and ``..`` (and by inode, so a hard link counts too);
- without ``--force`` the name is claimed exclusively (``os.link`` fails if it exists), so of two
  concurrent runs exactly one succeeds; with ``--force`` the new file replaces the old in one
  ``os.replace``;
- a folder is replaced only when everything in it is what gbstd wrote there, as recorded in its
  manifest (``.gbstd-manifest.json``), unchanged since.

Everything is built beside the target first, so a failure (full disk, read-only folder, Ctrl-C)
leaves the old file or folder as it was and no temporary file behind.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from gbstd.errors import GbstdError, UsageError

MANIFEST = ".gbstd-manifest.json"
_LISTED = 8  # entries named in a "cannot replace" message; the rest are counted
# os.link fails with these where the file system has no hard links (FAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


class OutputExistsError(UsageError):
    """The output exists and ``--force`` was not given (also when another run got there first)."""


class OutputInUseError(GbstdError):
    """The output may not be replaced even with ``--force``: it is an input, or not gbstd's."""


_REASONS_ZH = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "操作不被允许",
    errno.EROFS: "文件系统只读",
    errno.ENOENT: "目录不存在",
    errno.ENOTDIR: "路径中有一段是文件而不是目录",
    errno.EBUSY: "正被占用",
    errno.ENAMETOOLONG: "文件名过长",
}


def cannot_write(path: Path, exc: OSError) -> GbstdError:
    """The one-line error for a failed write (full disk, read-only folder, a file as folder…)."""
    english = exc.strerror or str(exc)
    chinese = _REASONS_ZH.get(exc.errno or 0, english)
    return GbstdError(f"无法写入 {path}：{chinese}", f"cannot write {path}: {english}")


def exists_error(path: Path) -> OutputExistsError:
    """The error for an existing output without ``--force``."""
    return OutputExistsError(
        f"{path} 已存在；如要覆盖请加 --force", f"{path} exists; add --force to replace it"
    )


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _inputs(protect: Iterable[Path | None]) -> tuple[list[Path], list[Path], set[tuple[int, int]]]:
    """Split the inputs into resolved files and folders, and the files' (device, inode)."""
    files: list[Path] = []
    folders: list[Path] = []
    inodes: set[tuple[int, int]] = set()
    for path in protect:
        if path is None:
            continue
        resolved = Path(path).resolve()
        (folders if resolved.is_dir() else files).append(resolved)
        try:
            status = resolved.stat()
        except OSError:
            continue
        inodes.add((status.st_dev, status.st_ino))
    return files, folders, inodes


def refuse_input(path: Path, protect: Iterable[Path | None]) -> None:
    """Refuse an output that is one of the inputs, or a file inside an input folder.

    Raises:
        OutputInUseError: ``path`` names (through any symlink, ``..`` or hard link) a file the
            command reads, or an existing file inside a folder it reads.
    """
    target = Path(path).resolve()
    if not target.exists():
        return  # nothing there to lose (and a batch's 40,000 inputs need not be looked at)
    files, folders, inodes = _inputs(protect)
    try:
        status = target.stat()
        same_inode = (status.st_dev, status.st_ino) in inodes
    except OSError:
        same_inode = False
    inside = any(target.is_relative_to(f) for f in folders)
    if target in files or same_inode or inside:
        raise OutputInUseError(
            f"输出 {path} 是本命令读取的输入文件，即使加 --force 也不会覆盖；请换一个输出路径",
            f"output {path} is an input of this command and is never replaced, "
            "even with --force; choose another path",
        )


def _publish(temporary: Path, target: Path, *, force: bool, shown: Path) -> None:
    """Put the finished ``temporary`` file at ``target``: exclusively, or replacing with force."""
    try:
        existing = target.stat().st_mode & 0o7777 if force else None
    except FileNotFoundError:
        existing = None
    # mkstemp creates 0600; a new file gets what the user's umask allows, a replaced one its mode.
    temporary.chmod(existing if existing is not None else 0o666 & ~_umask())
    if force:
        temporary.replace(target)
        return
    try:
        os.link(temporary, target)
        return
    except FileExistsError:
        raise exists_error(shown) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    # No hard links here: claim the name with O_EXCL, then move the finished file over the claim.
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise exists_error(shown) from None
    try:
        temporary.replace(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


@contextmanager
def staged_file(
    path: Path, *, force: bool = False, protect: Iterable[Path | None] = ()
) -> Iterator[Path]:
    """Yield an empty temporary file beside ``path``; when the block ends, put it in place.

    The caller writes the temporary file (directly or through a library). On success it becomes
    ``path``; on any failure it is removed and ``path`` is left as it was.

    Raises:
        OutputInUseError: ``path`` is an input.
        OutputExistsError: ``path`` exists (or appeared meanwhile) and ``force`` is False.
        GbstdError: ``path`` is a folder, or the file cannot be written (full disk, read-only
            folder, missing permission, a file where a folder should be).
    """
    target = Path(path).resolve()
    if target.is_dir():
        raise GbstdError(f"输出路径 {path} 是目录", f"output path {path} is a directory")
    if not force and (target.exists() or Path(path).is_symlink()):
        raise exists_error(path)
    if target.exists() and not target.is_file():
        # Renaming over /dev/null or a FIFO would replace the device, not write to it.
        raise GbstdError(
            f"{path} 不是普通文件，不能替换；请省略 -o 输出到终端，或换一个路径",
            f"{path} is not a regular file and is never replaced; omit -o to print, "
            "or choose another path",
        )
    refuse_input(path, protect)
    temporary: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        temporary = Path(name)
        yield temporary
        _publish(temporary, target, force=force, shown=path)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def write_atomic(
    path: Path,
    content: str | bytes,
    *,
    protect: Iterable[Path | None] = (),
    force: bool = False,
) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder.

    Raises:
        OutputInUseError: ``path`` is an input.
        OutputExistsError: ``path`` exists (or appeared meanwhile) and ``force`` is False.
        GbstdError: ``path`` is a folder, or the folder cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    with staged_file(path, force=force, protect=protect) as temporary, temporary.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())  # on disk before the rename, so a crash leaves old or new


# --- folders -------------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _walk(folder: Path, unreadable: list[Path] | None = None) -> Iterator[tuple[Path, bool]]:
    """Every entry under ``folder`` as (path, is a real folder); symlinks are never entered.

    Folders that cannot be listed are added to ``unreadable`` (or raise, without it).
    """

    def failed(exc: OSError) -> None:
        if unreadable is None:
            raise exc
        unreadable.append(Path(exc.filename))

    for parent, folders, files in os.walk(folder, onerror=failed):
        for name in sorted(folders):
            path = Path(parent, name)
            yield path, not path.is_symlink()
        for name in sorted(files):
            yield Path(parent, name), False


def write_manifest(folder: Path) -> None:
    """Record every file under ``folder`` with its SHA-256, as the licence to replace it later."""
    files = {
        path.relative_to(folder).as_posix(): _digest(path)
        for path, is_folder in _walk(folder)
        if not is_folder and not path.is_symlink() and path.name != MANIFEST
    }
    document = {"written_by": "gbstd", "format_version": 1, "files": dict(sorted(files.items()))}
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def _recorded(folder: Path) -> dict[str, str]:
    try:
        document = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = document["files"]
        if document.get("written_by") == "gbstd" and isinstance(files, dict):
            return {str(k): str(v) for k, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return {}


INPUT = ("输入文件", "an input")
FOREIGN = ("非 gbstd 写入", "not written by gbstd")
UNREADABLE = ("无法读取", "unreadable")


def in_the_way(
    folder: Path, protect: Iterable[Path | None] = ()
) -> list[tuple[str, tuple[str, str]]]:
    """What in ``folder`` gbstd did not write, as (relative path, (reason zh, reason en)).

    Empty when every file is recorded in the folder's manifest and unchanged since, no input
    lies inside it, and there is nothing else (no other file, symlink or folder).
    """
    root = folder.resolve()
    recorded = _recorded(root)
    parents = {p.as_posix() for name in recorded for p in Path(name).parents}
    files, folders, _ = _inputs(protect)
    found = [
        (p.relative_to(root).as_posix(), INPUT)
        for p in sorted({*files, *folders})
        if p.is_relative_to(root)
    ]
    named = {n for n, _ in found}
    unreadable: list[Path] = []
    for path, is_folder in _walk(root, unreadable):
        name = path.relative_to(root).as_posix()
        if name in named or name == MANIFEST:
            continue
        if path.is_symlink():
            found.append((name, ("符号链接", "a symlink")))
        elif is_folder:
            if name not in parents:
                found.append((name + "/", FOREIGN))
        elif name not in recorded or not path.is_file():  # never open a FIFO put in its place
            found.append((name, FOREIGN))
        else:
            unchanged = _unchanged(path, recorded[name])
            if not unchanged:
                changed = ("写入后被修改", "changed since gbstd wrote it")
                found.append((name, UNREADABLE if unchanged is None else changed))
    found += [(p.relative_to(root).as_posix() + "/", UNREADABLE) for p in unreadable]
    return found


def _unchanged(path: Path, digest: str) -> bool | None:
    try:
        return _digest(path) == digest
    except OSError:
        return None


def _refuse_replacing(shown: Path, found: list[tuple[str, tuple[str, str]]]) -> None:
    def listing(lang: int) -> str:
        brackets = "（{}）" if lang == 0 else " ({})"
        named = [name + brackets.format(reason[lang]) for name, reason in found[:_LISTED]]
        if len(found) > _LISTED:
            rest = len(found) - _LISTED
            named.append(f"另 {rest} 项" if lang == 0 else f"{rest} more")
        return ("、" if lang == 0 else ", ").join(named)

    raise OutputInUseError(
        f"目录 {shown} 中有不是 gbstd 写入的内容，即使加 --force 也不会替换：{listing(0)}；"
        "请换一个目录，或移走这些文件",
        f"{shown} holds what gbstd did not write, so --force will not replace it: {listing(1)}; "
        "choose another folder or move these away",
    )


def _check_folder(
    path: Path, target: Path, *, force: bool, protect: list[Path | None]
) -> tuple[bool, bool]:
    """Refuse a folder that may not be written; return (it is not empty, it is the working one)."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{path} 已存在且不是目录", f"{path} exists and is not a folder")
    occupied = target.is_dir() and any(target.iterdir())
    if occupied:
        if not force:
            raise OutputExistsError(
                f"目录 {path} 已存在且不为空；如要替换 gbstd 此前写入的目录请加 --force",
                f"{path} exists and is not empty; add --force to replace what gbstd wrote there",
            )
        found = in_the_way(target, protect)
        if found:
            _refuse_replacing(path, found)
    working = target.exists() and Path.cwd().resolve().is_relative_to(target)
    if occupied and working:
        raise OutputInUseError(
            f"不能替换当前工作目录 {path}：请在上一级目录运行，或换一个输出目录",
            f"cannot replace {path}, the folder you are working in; run from its parent "
            "or choose another folder",
        )
    return occupied, working


def make_parents(path: Path, shown: Path) -> None:
    """Create the folders above ``path``, naming a file that stands where a folder should be.

    Raises:
        GbstdError: a file is in the way, or a folder cannot be created.
    """
    blocking = next((p for p in path.absolute().parents if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise GbstdError(
            f"无法写入 {shown}：{blocking} 是文件，不是目录",
            f"cannot write {shown}: {blocking} is a file, not a folder",
        )
    try:
        path.absolute().parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(shown, exc) from None


@contextmanager
def staged_folder(
    path: Path, *, force: bool = False, protect: Iterable[Path | None] = ()
) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; when the block ends, swap it in.

    On success the folder gets a manifest of its files and becomes ``path``: created, filling an
    empty folder, or (with ``force``) replacing a folder that holds only what gbstd wrote there
    before. On any failure the temporary folder is removed and ``path`` is left as it was.

    Raises:
        OutputExistsError: ``path`` is not empty (or was filled meanwhile) and ``force`` is False.
        OutputInUseError: even with ``force``: the folder holds an input or anything gbstd did
            not write, or it is the working folder.
        UsageError: ``path`` is a file.
        GbstdError: the folder cannot be written.
    """
    protect = list(protect)
    target = Path(path).resolve()
    occupied, working = _check_folder(path, target, force=force, protect=protect)
    make_parents(target, path)
    staging: Path | None = None
    try:
        staging = Path(
            tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        )
        yield staging
        write_manifest(staging)
        if occupied:
            staging.chmod(target.stat().st_mode & 0o7777)  # mkdtemp creates 0700
            _swap(staging, target, protect, shown=path)
        elif working:
            _fill(staging, target, shown=path)  # the working folder itself cannot be swapped
        else:
            empty = target.stat().st_mode & 0o7777 if target.exists() else None
            staging.chmod(empty if empty is not None else 0o777 & ~_umask())
            try:
                # Replaces an empty folder; fails if another run filled it meanwhile.
                staging.rename(target)
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
                if not force:
                    raise exists_error(path) from None
                _swap(staging, target, protect, shown=path)  # checks what the other run wrote
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _fill(staging: Path, target: Path, shown: Path) -> None:
    """Move the entries of ``staging`` into the empty folder ``target``; undo on failure."""
    moved: list[Path] = []
    try:
        for entry in sorted(staging.iterdir()):
            destination = target / entry.name
            if destination.exists() or destination.is_symlink():
                raise exists_error(shown)  # another run is filling it too
            entry.rename(destination)
            moved.append(destination)
    except BaseException:
        for destination in moved:
            destination.rename(staging / destination.name)
        raise


def _swap(staging: Path, target: Path, protect: list[Path | None], shown: Path) -> None:
    """Replace ``target`` by ``staging``; the old folder is checked again once out of reach."""
    retired = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    retired.rmdir()
    target.rename(retired)
    try:
        # Anything added between the first check and the rename is caught here.
        found = in_the_way(retired, protect)
        if found:
            _refuse_replacing(shown, found)
        staging.rename(target)
    except BaseException:
        retired.rename(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
