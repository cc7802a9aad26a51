"""A small model of Hebrew word order: which word (or kind of word) follows which.

Reversed fragment order is invisible to a spell checker — every word is a real word — so
the only way to tell ``העם הישראלי`` from ``הישראלי העם`` is how likely each neighbour pair
is in running Hebrew. We score a pair by pointwise mutual information between word
*classes* (the 100 most frequent words stand for themselves; other words by their prefix
letter, their ending and the punctuation they carry), learned from a clean corpus, plus a
bonus for pairs of actual words seen in the corpus or in the document's own logical lines.
The classes generalise to unseen text; the word pairs adapt to the document at hand.

Word frequencies (for reversed letters and glued words) come from ``wordfreq``.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import wordfreq

from textrepair.tokens import has_hebrew, is_number, split_punct

_PREFIXES = "ובלמשהכ"
_QUOTES = "\"'“”„״׳’‘`"
# Smoothing strength for class pairs, and weight of the word-pair bonus.
_MU = 20.0
_WORD_WEIGHT = 1.2
_MAX_CACHE = 200_000


def _shape(core: str) -> str:
    """Class of a Hebrew word that is not among the most frequent: prefix and ending."""
    first = core[0] if core[0] in _PREFIXES else "_"
    if core.endswith(("ים", "ות")):
        end = "P"
    elif core[-1] in "התי":
        end = core[-1]
    else:
        end = "_"
    return f"{first}{end}"


def _edge_class(chars: str) -> str:
    """Class of the punctuation at one edge of a token (first significant character)."""
    for ch in chars:
        if ch in ".!?":
            return "."
        if ch in ",;:":
            return ch if ch == "," else ":"
        if ch in _QUOTES:
            return '"'
        if ch in "()[]{}":
            return "("
        if ch in "-–—":
            return "-"
    return ""


def classify(token: str, top: frozenset[str]) -> str:
    """Word class of a token: ``lead|kind|trail`` punctuation around a word kind."""
    lead, core, trail = split_punct(token)
    if not core:
        return "P" + _edge_class(token)
    if is_number(core):
        kind = "#"
    elif not has_hebrew(core):
        kind = "L"
    elif core in top:
        kind = core
    else:
        kind = _shape(core)
    return f"{_edge_class(lead)}|{kind}|{_edge_class(trail)}"


def word_key(a: str, b: str) -> str:
    """Key of a pair of Hebrew words (punctuation stripped), or "" if either is not one."""
    ca, cb = split_punct(a)[1], split_punct(b)[1]
    if ca and cb and has_hebrew(ca) and has_hebrew(cb):
        return f"{ca} {cb}"
    return ""


@lru_cache(maxsize=1)
def _top_words() -> frozenset[str]:
    return frozenset(w for w in wordfreq.top_n_list("he", 100) if has_hebrew(w))


def pair_keys(a: str, b: str, top: frozenset[str] | None = None) -> tuple[str, str]:
    """The word-pair key and class-pair key of two neighbouring tokens."""
    t = _top_words() if top is None else top
    return word_key(a, b), f"{classify(a, t)} {classify(b, t)}"


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    """wordfreq's Hebrew list as a plain dict (fast lookups; loaded once per process)."""
    table = wordfreq.get_frequency_dict("he", "large")
    return {w: math.log10(f * 1e9) for w, f in table.items()}


@lru_cache(maxsize=1)
def _bundled_counts() -> tuple[dict[str, int], dict[str, int]]:
    ref = resources.files("textrepair") / "data" / "wordorder.json.gz"
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return data["words"], data["classes"]


class WordModel:
    """Scores of neighbour pairs; build with :meth:`default`, adapt with :meth:`adapted`.

    Instances are never mutated after construction (the pair cache only memoises a pure
    function), so one model can be shared by threads and pickled to other processes.
    """

    def __init__(
        self,
        words: Mapping[str, int],
        classes: Mapping[str, int],
        top: frozenset[str],
    ) -> None:
        self.words = words
        self.classes = classes
        self.top = top
        left: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for key, n in classes.items():
            a, b = key.split(" ")
            left[a] += n
            right[b] += n
        self._left = left
        total = sum(right.values()) + len(right) + 1
        self._p_right = {c: (n + 1) / total for c, n in right.items()}
        self._p_unseen = 1 / total
        self._cache: dict[tuple[str, str], float] = {}

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (WordModel, (dict(self.words), dict(self.classes), self.top))

    @classmethod
    def default(cls) -> WordModel:
        """The model learned from the bundled corpus statistics."""
        return _default_model()

    def adapted(self, lines: Iterable[str], weight: int = 2) -> WordModel:
        """A new model that also knows the word pairs of ``lines`` (logical text)."""
        extra: Counter[str] = Counter()
        for line in lines:
            tokens = line.split()
            for a, b in pairwise(tokens):
                key = word_key(a, b)
                if key:
                    extra[key] += weight
        if not extra:
            return self
        merged = Counter(self.words)
        merged.update(extra)
        return WordModel(merged, self.classes, self.top)

    def zipf(self, word: str) -> float:
        """Zipf frequency of a word (0 when unknown): 7 is ``של``, 3 a rare word."""
        return _zipf_table().get(word, 0.0)

    def pair(self, a: str, b: str) -> float:
        """How much more likely ``a b`` is than chance, in nats (can be negative)."""
        key = (a, b)
        score = self._cache.get(key)
        if score is None:
            if len(self._cache) > _MAX_CACHE:
                self._cache.clear()
            score = self._score(a, b)
            self._cache[key] = score
        return score

    def _score(self, a: str, b: str) -> float:
        ca, cb = classify(a, self.top), classify(b, self.top)
        p_b = self._p_right.get(cb, self._p_unseen)
        joint = self.classes.get(f"{ca} {cb}", 0)
        p_b_given_a = (joint + _MU * p_b) / (self._left.get(ca, 0) + _MU)
        score = math.log(p_b_given_a / p_b)
        key = word_key(a, b)
        if key:
            score += _WORD_WEIGHT * math.log1p(self.words.get(key, 0))
        return score


@lru_cache(maxsize=1)
def _default_model() -> WordModel:
    words, classes = _bundled_counts()
    return WordModel(words, classes, _top_words())
