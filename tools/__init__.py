"""Development tools: the weight fitting (``python -m tools.fit_weights``), run from the repository
root; not installed with the package."""
