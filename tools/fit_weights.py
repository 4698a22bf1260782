"""Fit the scoring weights (retriever/answer/weights.py) by coordinate search on tuning questions.

    python -m tools.fit_weights --data-dir DIR [--corpus-data-dir DIR2] [--questions FILE ...] [--rounds 2]

DIR must hold an index of every document the questions cite (corpus/ and ../shared/wild/pdf).
The default questions are the tune half of the wild set and the development set; with DIR2 (an
index of corpus/ alone) tests/data/extra_qa.jsonl is asked there too, since its unanswerable
questions are about what corpus/ alone does not cover. The held-out half is never read here.

The objective counts right answers and right refusals (a right refusal as REFUSAL_POINTS answers;
a citation in the expected document breaks ties). A weight moves only when the objective strictly
improves, so the result never fits worse than the start. The fitted values go to
retriever/answer/data/weights.json with the questions they were fitted on.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import retriever.answer.weights
from retriever.answer.weights import WEIGHTS_FILE, ScoringWeights
from retriever.evaluate import DocumentTexts, evaluate, load_questions

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = [ROOT / "tests" / "data" / "wild_tune_qa.jsonl", ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"]
DEFAULT_SOURCES = [ROOT / "corpus", ROOT.parent / "shared" / "wild" / "pdf"]
# candidate values tried for each weight: multiples of the current value, or a fixed grid for
# weights that may start at zero or that are thresholds
MULTIPLIERS = (0.5, 0.75, 1.5)
GRIDS = {
    "semantic_keep": (1.0, 0.92, 0.9, 0.88, 0.86, 0.84, 0.82, 0.8),
    "refuse_below": (0.22, 0.26, 0.3, 0.34, 0.38, 0.42, 0.46),
}
EXTRA_QUESTIONS = ROOT / "tests" / "data" / "extra_qa.jsonl"


# A figure stated for a question the documents do not answer misleads; a refusal of an answerable
# question only fails to help: a right refusal counts this many right answers.
REFUSAL_POINTS = 3.0


def objective(tasks: list[tuple], sources: list[Path], weights: ScoringWeights) -> float:
    """Right answers + right refusals (weighted) + a quarter point per right citation, over every
    (answerer, questions) task."""
    score = 0.0
    for answerer, questions, texts in tasks:
        answerer.scoring = weights
        for r in evaluate(answerer, questions, sources, texts).results:
            score += (1.0 if r.answer_ok else 0.0) + (0.25 if r.citation_ok else 0.0) if r.answerable else (
                REFUSAL_POINTS if r.refusal_ok else 0.0)
    return score


def fit(tasks: list[tuple], sources: list[Path], start: ScoringWeights, rounds: int = 2,
        log=print) -> tuple[ScoringWeights, float]:
    best = start
    best_score = objective(tasks, sources, best)
    log(f"start {best_score:.2f}")
    for round_no in range(1, rounds + 1):
        improved = False
        for name in ScoringWeights.FITTED:
            current = getattr(best, name)
            grid = GRIDS.get(name) or tuple(round(current * m, 4) for m in MULTIPLIERS)
            for value in grid:
                if value == current:
                    continue
                candidate = best.with_value(name, value)
                score = objective(tasks, sources, candidate)
                if score > best_score + 1e-9:
                    best, best_score, improved = candidate, score, True
                    log(f"round {round_no}: {name} = {value} -> {best_score:.2f}")
        if not improved:
            break
    return best, best_score


def main(argv: list[str] | None = None) -> None:
    from policyqa.app import load_answerer
    from policyqa.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--corpus-data-dir", type=Path, default=None)
    parser.add_argument("--questions", type=Path, nargs="*", default=DEFAULT_QUESTIONS)
    parser.add_argument("--sources", type=Path, nargs="*", default=DEFAULT_SOURCES)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(retriever.answer.weights.__file__).resolve().parent / WEIGHTS_FILE)
    args = parser.parse_args(argv)
    if any("heldout" in p.name for p in args.questions):
        parser.error("the held-out questions are for measuring, never for fitting")
    questions = [q for path in args.questions for q in load_questions(path)]
    def task(data_dir: Path, questions: list[dict]) -> tuple:
        answerer = load_answerer(Settings.from_env(data_dir=data_dir))
        return answerer, questions, DocumentTexts(args.sources, answerer.index.texts)

    tasks = [task(args.data_dir, questions)]
    fitted_on = list(args.questions)
    if args.corpus_data_dir:
        tasks.append(task(args.corpus_data_dir, load_questions(EXTRA_QUESTIONS)))
        fitted_on.append(EXTRA_QUESTIONS)
    started = time.time()
    weights, score = fit(tasks, args.sources, ScoringWeights(), args.rounds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "fitted_on": [os.path.relpath(p.resolve(), ROOT) for p in fitted_on],
        "embedding": tasks[0][0].index.manifest.get("embedding"),  # cosine thresholds hold for this model only
        "method": f"coordinate search, objective = right answers + {REFUSAL_POINTS:g} x right refusals + 0.25 x right citations",
        "objective": round(score, 2),
        "questions": sum(len(q) for _, q, _ in tasks),
        "seconds": round(time.time() - started),
        # only what the fit searches, and the warning threshold: every other weight stays the class's
        "weights": {name: getattr(weights, name) for name in (*ScoringWeights.FITTED, "unsure_below")},
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
