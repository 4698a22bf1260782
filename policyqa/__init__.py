"""policyqa: answers questions about Chinese energy-saving and carbon policy files."""

__version__ = "0.1.0"
