"""Folders a server process works in, named after the process, and the clean-up of those a dead one left.

A server stages uploads, writes export files and lets Gradio keep its uploads; each in a folder
``<prefix><pid>-<random>``. A folder whose process is alive is in use (several servers may share one
data directory); one whose process is gone is a leftover of a kill, removed at the next start.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path


def process_folder(parent: Path, prefix: str) -> Path:
    """A new folder in ``parent`` owned by this process."""
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def dead_leftovers(parent: Path, prefix: str) -> list[Path]:
    """Folders in ``parent`` named by ``process_folder`` whose process no longer runs."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)-")
    found = []
    if not parent.is_dir():
        return found
    for entry in parent.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not _alive(int(match.group(1))):
            found.append(entry)
    return found


def remove_dead_leftovers(parent: Path, prefix: str) -> int:
    """Remove what dead processes left under ``prefix``; how many folders went."""
    gone = dead_leftovers(parent, prefix)
    for folder in gone:
        shutil.rmtree(folder, ignore_errors=True)
    return len(gone)


class ExportFolder:
    """Where the page writes the files it offers for download (CSV, Excel, calendar). Gradio copies a
    returned file into its own cache at once, so a file here is needed only for moments: each new export
    removes those older than ``keep_seconds``, and ``close`` removes the folder."""

    PREFIX = "policyqa-exports-"

    def __init__(self, parent: Path | None = None, keep_seconds: float = 600.0):
        parent = Path(parent or tempfile.gettempdir())
        remove_dead_leftovers(parent, self.PREFIX)
        self.root = process_folder(parent, self.PREFIX)
        self.keep_seconds = keep_seconds

    def new(self) -> Path:
        """An empty folder for one export."""
        now = time.time()
        for old in self.root.iterdir():
            if now - old.stat().st_mtime > self.keep_seconds:
                shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(dir=self.root))

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
