"""Legacy Word (.doc) files, converted to .docx by LibreOffice: the binary Word format has no maintained
pure-Python reader, and LibreOffice's Word filter is maintained and installs offline (Debian's packages)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# A first start of LibreOffice builds its profile (a few seconds); a long document converts in seconds more.
CONVERT_TIMEOUT_S = 180
# The address space LibreOffice may take: a converted .doc is bounded by the upload limit, and a file made
# to blow up inside the converter stops there instead of taking the server's memory (a plain conversion
# needs well under 1 GB).
CONVERT_MEMORY_BYTES = 2 * 1024**3


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CONVERT_MEMORY_BYTES, CONVERT_MEMORY_BYTES))


class ConversionError(Exception):
    """LibreOffice is missing, failed or timed out; the message says which, for the user."""


def soffice_command() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_doc_to_docx(path: Path, out_dir: Path) -> Path:
    """``path`` converted into ``out_dir``; the .docx written there."""
    soffice = soffice_command()
    if soffice is None:
        raise ConversionError("a .doc file needs LibreOffice to be read, and it is not installed "
                              "(apt-get install libreoffice-writer-nogui), or save the file as .docx")
    # A profile of its own: a second LibreOffice sharing the user's profile would hand the job to the first
    # one (or refuse while it runs), and two uploads may convert at once.
    with tempfile.TemporaryDirectory(prefix="policyqa-lo-") as profile:
        # LibreOffice names the output after the input's stem; a stem of its own keeps odd names out of it.
        source = out_dir / "document.doc"
        shutil.copyfile(path, source)
        # The input filter named: without it LibreOffice reads a damaged .doc as plain text and "converts"
        # its garbage, where it should refuse.
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--infilter=MS Word 97", "--convert-to", "docx:MS Word 2007 XML",
                   "--outdir", str(out_dir), str(source)]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S,
                                      preexec_fn=_limit_memory)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"LibreOffice did not convert it within {CONVERT_TIMEOUT_S} s") from None
    converted = out_dir / "document.docx"
    if finished.returncode != 0 or not converted.exists():
        detail = (finished.stderr or finished.stdout).strip().splitlines()
        raise ConversionError("LibreOffice could not convert it" + (f" ({detail[-1]})" if detail else ""))
    return converted
