"""Index, search and answer over parsed policy documents, in that order: index/ writes and reads
the index, search/ finds chunks in it, answer/ reads the question and extracts the answer from the
chunks found. A stage imports only the stages before it (tests/test_layers.py)."""
