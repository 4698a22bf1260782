"""jieba tokenisation with the domain dictionary, for BM25 and for matching question terms."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

TOKEN_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.%]")
STOPWORDS = frozenset(
    "的 了 和 与 及 或 在 为 是 等 对 将 把 被 从 以 于 其 之 也 并 而 要 有 中 上 下 个 年 月 日 "
    "多少 几 哪个 哪些 什么 怎么 如何 是否 吗 呢 吧 到 达到 分别 要求 目标 是 哪 什么时候 何时".split()
)


class Tokenizer:
    """A private jieba instance with the domain dictionary (jieba's global one is left untouched)."""

    def __init__(self):
        import jieba

        jieba.setLogLevel(60)
        self._jieba = jieba.Tokenizer()
        import jieba.posseg

        # built with the tokenizer, not on first use: the first answer a process gives after a reload must
        # not wait for it (a third of a second)
        self._tagger = jieba.posseg.POSTokenizer(self._jieba)
        self._tagger.lcut("预热", HMM=False)
        userdict = resources.files("ingest").joinpath("data/userdict.txt").read_text(encoding="utf-8-sig")
        for line in userdict.splitlines():
            fields = line.split()
            if not fields or line.startswith("#"):
                continue
            freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
            self._jieba.add_word(fields[0], freq)

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """Plain segmentation with parts of speech, every character kept: (word, jieba's tag) pairs, each
        word once, punctuation as its own piece (the domain dictionary's words are tagged "x")."""
        return [(pair.word, pair.flag) for pair in self._tagger.cut(text, HMM=False)]

    def words(self, text: str) -> list[str]:
        """Search-mode tokens (long words also give their parts), stopwords and punctuation dropped."""
        return [
            w for w in self._jieba.cut_for_search(text, HMM=False)
            if TOKEN_RE.match(w) and w not in STOPWORDS
        ]


@lru_cache(maxsize=1)
def default_tokenizer() -> Tokenizer:
    return Tokenizer()
