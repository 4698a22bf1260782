"""The plain recipes the benchmark compares against: built as described, scored as described."""

import pytest

from bench import baselines
from retriever.evaluate import load_questions
from tests.conftest import SHARED_EVAL


def test_the_recipe_splits_at_750_characters_with_overlap_on_chinese_punctuation(corpus_docs):
    text = next(iter(corpus_docs.values())).text
    pieces = baselines.split(text)
    assert len(pieces) > 3 and all(len(p) <= baselines.CHUNK_SIZE for p in pieces)
    overlapping = sum(1 for a, b in zip(pieces, pieces[1:]) if b[:10] in a[-baselines.CHUNK_OVERLAP - 10:])
    assert overlapping >= len(pieces) // 2  # each window repeats the end of the one before
    assert all(piece in text for piece in pieces)


@pytest.mark.slow
def test_ceilings_count_a_question_only_when_its_gold_figure_is_in_the_top_three(corpus_docs, e5):
    recipe = baselines.build({d: doc.text for d, doc in corpus_docs.items()}, e5)
    questions = load_questions(SHARED_EVAL)
    for way in ("dense", "ensemble", "sparse"):
        figures = baselines.score(recipe, way, questions)
        assert 0 < figures["ceiling"] <= 1 and figures["questions"] == sum(q["answerable"] for q in questions)
        assert figures["recall_at_5"] >= figures["mrr"] > 0
    item = next(q for q in questions if q["answerable"])
    top = recipe.ensemble(item["question"], 3)
    dense, sparse = recipe.dense(item["question"], 10), recipe.sparse(item["question"], 10)
    assert set(top) <= set(dense) | set(sparse)  # the ensemble only reorders what its two parts found
