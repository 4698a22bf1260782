"""Rank fusion as a pure function."""

from __future__ import annotations


def reciprocal_rank_fusion(
    rankings: list[list[str]], rrf_k: int = 60, weights: list[float] | None = None, top_k: int | None = None
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009).

    ``rankings`` are lists of ids, best first; ``rrf_k`` damps the weight of top ranks. Inputs are
    not modified. Ties are broken by id so the result is deterministic.
    """
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking, 1):
            fused[item] = fused.get(item, 0.0) + weight / (rrf_k + rank)
    ordered = sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
    return ordered[:top_k] if top_k is not None else ordered
