"""A small model of Hebrew word order: which word (or kind of word) follows which.

Reversed fragment order is invisible to a spell checker — every word is a real word — so
the only way to tell ``העם הישראלי`` from ``הישראלי העם`` is how likely each neighbour pair
is in running Hebrew. We score a pair by pointwise mutual information between word
*classes* (the 100 most frequent words stand for themselves; other words by their prefix
letter, their ending and the punctuation they carry), learned from a clean corpus, plus a
bonus for pairs of actual words seen in the corpus or in the document's own logical lines.
The classes generalise to unseen text; the word pairs adapt to the document at hand. A
paragraph's edge is a token too (:data:`PARAGRAPH`): which punctuation ends a paragraph is
learned from the corpus's paragraphs, so a paragraph's last line reads best with its
sentence mark at the end.

Word frequencies (for reversed letters and glued words) come from ``wordfreq``.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import compress, pairwise, repeat
from operator import itemgetter
from types import MappingProxyType

import wordfreq

from textrepair.tokens import has_hebrew, has_points, is_number, lexicon_form, split_punct

_PREFIXES = "ובלמשהכ"
# The edge of a paragraph, as a token: the corpus counts which word classes begin and end
# its paragraphs (``לכאן.`` ends one far more often than ``הנפט``), and a line next to a
# paragraph break is scored against it. U+2029 is Unicode's own paragraph separator.
# Paragraphs are few, so their edges are counted on coarse classes (:func:`coarse`).
PARAGRAPH = "\u2029"
_QUOTES = "\"'“”„״׳’‘`"
# Smoothing strength for class pairs, and weight of the word-pair bonus.
_MU = 20.0
_WORD_WEIGHT = 1.2
_MAX_CACHE = 200_000
# The join-rows memo: how many lines, and of how many tokens at most (rows grow as n²).
_MAX_ROWS = 1024
_MAX_ROWS_TOKENS = 48
# Bounds of the class-pair memo: rows (left classes) and entries per row. A document uses
# a few hundred classes; the bounds only stop adversarial input from growing it unduly.
_MAX_CLASS_ROWS = 1024
_MAX_CLASS_ROW = 1024
_NO_FOLLOWERS: Mapping[str, int] = MappingProxyType({})  # of a word that begins no pair

Rows = tuple[tuple[float, ...], ...]  # see WordModel.join_rows


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


def describe(token: str, top: frozenset[str]) -> tuple[str, str]:
    """Word class of a token and its Hebrew core ("" when the core is not Hebrew).

    One pass over the token gives both things a pair score needs, so a model can remember
    them per token instead of splitting the same token again for every pair it is in.
    """
    if token == PARAGRAPH:
        return "¶", ""
    lead, core, trail = split_punct(lexicon_form(token))
    if not core:
        return "P" + _edge_class(token), ""
    hebrew = has_hebrew(core)
    if is_number(core):
        kind = "#"
    elif not hebrew:
        kind = "L"
    elif core in top:
        kind = core
    else:
        kind = _shape(core)
    return f"{_edge_class(lead)}|{kind}|{_edge_class(trail)}", core if hebrew else ""


def classify(token: str, top: frozenset[str]) -> str:
    """Word class of a token: ``lead|kind|trail`` punctuation around a word kind."""
    return describe(token, top)[0]


def coarse(cls: str) -> str:
    """A word class with its word kind reduced to Hebrew (``H``), number or Latin: what
    matters at a paragraph's edge is the punctuation a word carries, not the word."""
    lead, sep, rest = cls.partition("|")
    if not sep:
        return cls  # punctuation alone, or the paragraph's edge
    kind, _, trail = rest.partition("|")
    return f"{lead}|{kind if kind in ('#', 'L') else 'H'}|{trail}"


def word_key(a: str, b: str) -> str:
    """Key of a pair of Hebrew words (punctuation stripped), or "" if either is not one."""
    ca, cb = split_punct(a)[1], split_punct(b)[1]
    if ca and cb and has_hebrew(ca) and has_hebrew(cb):
        return f"{ca} {cb}"
    return ""


@lru_cache(maxsize=1)
def _top_words() -> frozenset[str]:
    # wordlist="large": the same top 100 as the default "best" list, without loading a
    # second copy of wordfreq's Hebrew data (about 60 MB) next to the one _zipf_table uses.
    return frozenset(w for w in wordfreq.top_n_list("he", 100, wordlist="large") if has_hebrew(w))


def pair_keys(a: str, b: str, top: frozenset[str] | None = None) -> tuple[str, str]:
    """The word-pair key and class-pair key of two neighbouring tokens."""
    t = _top_words() if top is None else top
    return word_key(a, b), f"{classify(a, t)} {classify(b, t)}"


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    """wordfreq's Hebrew list as a plain dict (fast lookups; loaded once per process).

    Built bucket by bucket so that the words of one frequency bucket share one float:
    the same values as ``get_frequency_dict``, in a fraction of the memory and time.
    """
    out: dict[str, float] = {}
    for i, bucket in enumerate(wordfreq.get_frequency_list("he", "large")):
        zipf = math.log10(wordfreq.cB_to_freq(-i) * 1e9)
        for word in bucket:
            out[word] = zipf
    return out


@lru_cache(maxsize=1)
def _bundled_counts() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    ref = resources.files("textrepair") / "data" / "wordorder.json.gz"
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return data["words"], data["classes"], data["edges"]


def _followers(words: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """``words`` as ``{left: {right: n}}``, for every way a key splits at one space.

    ``words.get(f"{a} {b}", 0) == followers.get(a, {}).get(b, 0)`` for any strings ``a``
    and ``b``, but the nested form answers without building the key, and at once for a
    word that begins no known pair (most words).
    """
    out: dict[str, dict[str, int]] = {}
    for key, n in words.items():
        _add_splits(out, key, n)
    return out


def _add_splits(out: dict[str, dict[str, int]], key: str, n: int) -> None:
    """Enter ``key`` (count ``n``) into ``out`` at each of its spaces."""
    i = key.find(" ")
    while i >= 0:
        out.setdefault(key[:i], {})[key[i + 1 :]] = n
        i = key.find(" ", i + 1)


class WordModel:
    """Scores of neighbour pairs; build with :meth:`default`, adapt with :meth:`adapted`.

    Instances are never mutated after construction (the caches only memoise pure
    functions), so one model can be shared by threads and pickled to other processes.
    A model and the models adapted from it share the memos that depend only on ``top``
    and ``classes`` (token descriptions, class-pair scores): a model is adapted once per
    document, and learning every token again would cost more than repairing a short one.
    """

    def __init__(
        self,
        words: Mapping[str, int],
        classes: Mapping[str, int],
        top: frozenset[str],
        edges: Mapping[str, int] | None = None,
    ) -> None:
        self.words = words
        self.classes = classes
        self.top = top
        self.edges = edges or {}
        self._left, self._p_right, self._p_unseen = _margins(classes)
        self._edge_left, self._edge_p_right, self._edge_p_unseen = _margins(self.edges)
        self._followers = _followers(words)
        # token -> describe(token, top); class -> {class: class part of the pair score}.
        self._tokens: dict[str, tuple[str, str]] = {}
        self._class_rows: dict[str, dict[str, float]] = {}
        # (token pair) -> pair score; (line tokens, row starts) -> join_rows.
        self._cache: dict[tuple[str, str], float] = {}
        self._rows: dict[tuple[tuple[str, ...], tuple[int, ...]], Rows] = {}

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (WordModel, (dict(self.words), dict(self.classes), self.top, dict(self.edges)))

    @classmethod
    def default(cls) -> WordModel:
        """The model learned from the bundled corpus statistics."""
        return _default_model()

    def adapted(self, lines: Iterable[str], weight: int = 2) -> WordModel:
        """A new model that also knows the word pairs of ``lines`` (logical text)."""
        extra: dict[str, int] = {}
        known, describe_token = self._tokens, self._describe
        for line in lines:
            cores = [(known.get(t) or describe_token(t))[1] for t in line.split()]
            for a, b in pairwise(cores):
                if a and b:
                    key = f"{a} {b}"
                    extra[key] = extra.get(key, 0) + weight
        if not extra:
            return self
        return self._with_words(extra)

    def _with_words(self, extra: Mapping[str, int]) -> WordModel:
        """This model with ``extra`` added to its word-pair counts.

        The classes are the same, so are the tables derived from them; the followers
        table is copied where it changes, never rebuilt.
        """
        model = object.__new__(WordModel)
        model.__dict__.update(self.__dict__)
        merged = Counter(self.words)
        followers = dict(self._followers)
        copied: set[str] = set()
        for key, add in extra.items():
            n = merged[key] = add + merged.get(key, 0)
            i = key.find(" ")
            while i >= 0:
                left = key[:i]
                if left not in copied:
                    followers[left] = dict(followers.get(left, _NO_FOLLOWERS))
                    copied.add(left)
                followers[left][key[i + 1 :]] = n
                i = key.find(" ", i + 1)
        model.words, model._followers, model._cache, model._rows = merged, followers, {}, {}
        return model

    def zipf(self, word: str) -> float:
        """Zipf frequency of a word (0 when unknown): 7 is ``של``, 3 a rare word. A
        pointed word is looked up without its points, a maqaf as a hyphen
        (:func:`~textrepair.tokens.lexicon_form`)."""
        table = _zipf_table()
        z = table.get(word)
        if z is not None:
            return z
        if word.isalpha() or not (has_points(word) or "\u05be" in word):  # one cheap test
            return 0.0
        return table.get(lexicon_form(word), 0.0)

    def pair(self, a: str, b: str) -> float:
        """How much more likely ``a b`` is than chance, in nats (can be negative).

        The class pair's score, plus a bonus when both are words seen together.
        """
        key = (a, b)
        score = self._cache.get(key)
        if score is not None:
            return score
        known = self._tokens
        class_a, core_a = known.get(a) or self._describe(a)
        class_b, core_b = known.get(b) or self._describe(b)
        if class_a == "¶" or class_b == "¶":
            return self._edge_score(coarse(class_a), coarse(class_b))
        by_class = self._class_rows.get(class_a) or self._class_row(class_a)
        score = by_class.get(class_b)
        if score is None:
            score = self._class_pair_score(by_class, class_a, class_b)
        if core_a and core_b:
            n = self._followers.get(core_a, _NO_FOLLOWERS).get(core_b)
            if n:  # an unseen pair would add log1p(0) = 0.0: the same float
                score += _WORD_WEIGHT * math.log1p(n)
        if len(self._cache) > _MAX_CACHE:
            self._cache.clear()
        self._cache[key] = score
        return score

    def line_score(self, line: str) -> float:
        """How likely a line's words are in the order written: its neighbour pairs'
        :meth:`pair` scores summed, in nats."""
        return sum(self.pair(a, b) for a, b in pairwise(line.split()))

    def join_rows(self, tokens: Sequence[str], starts: Sequence[int]) -> Rows:
        """Each token against tokens before it: ``rows[i][j - starts[i]]`` is
        ``self.pair(tokens[i], tokens[j])`` for ``starts[i] <= j < i`` (the same floats).

        The fragment search scores each word of a line against many others; on running
        text those pairs are nearly all new, so one ``pair`` call each, through the pair
        memo, would cost more than the scores: here each token is described once and a
        row is looked up with ``map``. The rows are remembered per line (a bounded memo):
        running heads, footers and other repeated lines need them again.
        """
        if len(tokens) > _MAX_ROWS_TOKENS:
            return _LineRows(self, tokens).rows(starts)
        key = (tuple(tokens), tuple(starts))
        rows = self._rows.get(key)
        if rows is None:
            rows = _LineRows(self, tokens).rows(starts)
            if len(self._rows) > _MAX_ROWS:
                self._rows.clear()
            self._rows[key] = rows
        return rows

    def _describe(self, token: str) -> tuple[str, str]:
        """``describe(token, self.top)``, remembered (a bounded, shared memo)."""
        known = self._tokens.get(token)
        if known is None:
            if len(self._tokens) > _MAX_CACHE:
                self._tokens.clear()
            known = self._tokens[token] = describe(token, self.top)
        return known

    def _class_row(self, ca: str) -> dict[str, float]:
        """The memo of class-pair scores with ``ca`` on the left (made if missing)."""
        row = self._class_rows.get(ca)
        if row is None:
            if len(self._class_rows) > _MAX_CLASS_ROWS:
                self._class_rows.clear()
            row = self._class_rows[ca] = {}
        return row

    def _class_pair_score(self, row: dict[str, float], ca: str, cb: str) -> float:
        """PMI of two word classes, smoothed towards chance; remembered in ``row``."""
        p_b = self._p_right.get(cb, self._p_unseen)
        score = _pmi(self.classes.get(f"{ca} {cb}", 0), self._left.get(ca, 0), p_b)
        if len(row) > _MAX_CLASS_ROW:
            row.clear()
        row[cb] = score
        return score

    def _edge_score(self, ca: str, cb: str) -> float:
        """PMI of two coarse classes, one of them a paragraph's edge (not memoised: a
        line meets at most two edges)."""
        p_b = self._edge_p_right.get(cb, self._edge_p_unseen)
        return _pmi(self.edges.get(f"{ca} {cb}", 0), self._edge_left.get(ca, 0), p_b)


def _margins(pairs: Mapping[str, int]) -> tuple[Counter[str], dict[str, float], float]:
    """Of pair counts: how often each class stands on the left, and the (add-one)
    probability of each class on the right, with that of a class never seen there."""
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for key, n in pairs.items():
        a, b = key.split(" ")
        left[a] += n
        right[b] += n
    total = sum(right.values()) + len(right) + 1
    return left, {c: (n + 1) / total for c, n in right.items()}, 1 / total


def _pmi(joint: int, left: int, p_b: float) -> float:
    """Pointwise mutual information of a pair seen ``joint`` times, its left class
    ``left`` times, its right class with probability ``p_b``, smoothed towards chance."""
    return math.log((joint + _MU * p_b) / (left + _MU) / p_b)


class _LineRows:
    """The descriptions of one line's tokens, for :meth:`WordModel.join_rows`."""

    __slots__ = ("_by_class", "_classes", "_cores", "_follows", "_model")

    def __init__(self, model: WordModel, tokens: Sequence[str]) -> None:
        described = list(map(model._tokens.get, tokens))
        if None in described:
            described = [d or model._describe(t) for d, t in zip(described, tokens, strict=True)]
        self._classes = classes = list(map(itemgetter(0), described))
        self._cores = cores = list(map(itemgetter(1), described))
        # Each token's row of the class-pair memo, and the words seen after it.
        by_class = list(map(model._class_rows.get, classes))
        if None in by_class:
            by_class = [
                model._class_row(c) if r is None else r
                for r, c in zip(by_class, classes, strict=True)
            ]
        follows = list(map(model._followers.get, cores, repeat(_NO_FOLLOWERS, len(cores))))
        if "" in model._followers:  # only a word begins a word pair
            follows = [f if c else _NO_FOLLOWERS for f, c in zip(follows, cores, strict=True)]
        self._model, self._by_class, self._follows = model, by_class, follows

    def rows(self, starts: Sequence[int]) -> Rows:
        """``rows[i][j - starts[i]]``: the score of tokens ``i, j``, ``starts[i] <= j < i``."""
        return tuple(map(self._row, range(len(starts)), starts))

    def _row(self, i: int, lo: int) -> tuple[float, ...]:
        """The scores of token ``i`` after each of the tokens ``lo..i - 1``."""
        classes, cores, by_class = self._classes, self._cores, self._by_class[i]
        row = list(map(by_class.get, classes[lo:i]))
        if None in row:
            for j in range(lo, i):
                if row[j - lo] is None:
                    row[j - lo] = self._model._class_pair_score(by_class, classes[i], classes[j])
        follow = self._follows[i]
        if follow:
            # Only pairs seen in the corpus add to the class score (log1p(0) is 0.0).
            for j in compress(range(lo, i), map(follow.get, cores[lo:i])):
                if cores[j]:
                    row[j - lo] += _WORD_WEIGHT * math.log1p(follow[cores[j]])
        return tuple(row)


@lru_cache(maxsize=1)
def _default_model() -> WordModel:
    words, classes, edges = _bundled_counts()
    return WordModel(words, classes, _top_words(), edges)
