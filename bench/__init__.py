"""Development benchmarks (``make bench``, ``make bench-scale``, ``make load``): run from the
repository root with ``python -m bench.<name>``; not installed with the package."""
