"""Peak memory of a process, as the benchmarks report it.

``ru_maxrss`` is not a process's own figure on Linux: its peak is carried over fork and exec, so a
small child started by a large benchmark process reports the parent's peak. The kernel's per-process
high-water mark (``VmHWM``) starts again at exec.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

PEAK_MARK = "peak_rss_mib="
ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mib() -> float:
    """This process's own peak resident memory in MiB (``ru_maxrss`` where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_with_peak() -> list[str]:
    """The command that runs ``policyqa`` and, at its exit, writes its own peak memory to stderr as
    ``peak_rss_mib=N`` (read back with ``peak_from``)."""
    # bench/ is not installed: the child finds it from the repository root, whatever its cwd
    code = (f"import atexit, sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            "from bench.memory import PEAK_MARK, peak_rss_mib\n"
            "atexit.register(lambda: print(PEAK_MARK + str(peak_rss_mib()), file=sys.stderr))\n"
            "from policyqa.cli import main\nmain(prog_name='policyqa')\n")
    return [sys.executable, "-c", code]


def peak_from(stderr: str) -> float:
    marks = [line for line in stderr.splitlines() if line.startswith(PEAK_MARK)]
    return float(marks[-1][len(PEAK_MARK):]) if marks else float("nan")
