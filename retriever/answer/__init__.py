"""From a question to an answer: read what is asked, score the clauses of the chunks found, extract
the figure or date, and compose the answer with its citations (or refuse)."""
