"""Index, hybrid search and extractive answers over parsed policy documents."""
