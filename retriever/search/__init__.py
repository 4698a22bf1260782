"""Finding the chunks a question is about: BM25 over jieba tokens and dense vectors, fused by rank."""
