"""Text-comparison metrics for the textrepair benchmarks (pure Python, no dependencies).

All metrics compare a *hypothesis* (what a method produced) with a *reference* (the gold
text) after whitespace normalisation. Argument order is always ``(reference, hypothesis)``,
as in jiwer; it only matters for the denominators (reference length) and for bigram recall.

Why whitespace normalisation: the gold convention (``seeds/gold/README.md``) is that only
the order of words/fragments, the side a sign sits on and whitespace may change between raw
and gold. PDF extractors emit double spaces, trailing spaces and leading spaces that carry
no meaning for a reader, so every comparison is made on ``" ".join(text.split())``.

Edit distances use the bit-parallel algorithm of Myers (1999) in Hyyrö's (2001) formulation
for *global* edit distance, with Python's arbitrary-precision ints as bit vectors: one pass
over the hypothesis, a handful of big-int operations per token. That is exact unit-cost
Levenshtein distance, like the textbook DP, but runs whole documents (10k+ words or 50k+
characters against each other) in well under a second where the O(n*m) DP with lists would
take minutes. :func:`levenshtein_dp` keeps the plain two-row DP as the readable reference;
the tests check that both agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from itertools import pairwise

__all__ = [
    "bigram_recall",
    "bigrams",
    "cer",
    "char_edits",
    "exact_line_rate",
    "levenshtein",
    "levenshtein_dp",
    "normalize_ws",
    "wer",
    "word_edits",
    "words",
]


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and strip both ends.

    ``str.split()`` with no argument splits on all Unicode whitespace (tabs, NBSP, ...),
    so extractor artefacts such as double spaces or a leading space never count as errors.
    """
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Word tokens of ``text``: the whitespace-separated pieces (punctuation stays attached).

    Attached punctuation is deliberate: the repair must also put signs on the right side of
    a word, and a misplaced comma or hyphen should count as a wrong word.
    """
    return text.split()


def levenshtein_dp(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Unit-cost Levenshtein distance by the classic two-row dynamic programme.

    O(len(a) * len(b)) time, O(len(b)) memory. Kept as the obviously-correct reference
    for :func:`levenshtein`, and fine for single lines.
    """
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        append = cur.append
        for j, y in enumerate(b, 1):
            append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def levenshtein(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Unit-cost Levenshtein distance between two sequences (of words or characters).

    Common prefix and suffix are stripped first (good hypotheses share most of them), then
    the bit-parallel algorithm runs with the shorter sequence as the bit-vector "pattern":
    a column of the DP matrix is held as two ints of vertical +1/-1 deltas, and each
    element of the other sequence updates the whole column with O(1) big-int operations.
    Result is identical to :func:`levenshtein_dp`.
    """
    # Strip the common prefix and suffix: they never contribute edits.
    start = 0
    end_a, end_b = len(a), len(b)
    while start < end_a and start < end_b and a[start] == b[start]:
        start += 1
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a = a[start:end_a]
    b = b[start:end_b]
    if len(a) > len(b):
        a, b = b, a
    m = len(a)
    if m == 0:
        return len(b)

    # peq[c]: bit i set iff a[i] == c.
    peq: dict[Hashable, int] = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv = mask  # vertical deltas of column 0 are all +1 (distance to empty prefix of b)
    mv = 0
    score = m
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        # Global distance: the top row grows by one per column, hence the "| 1".
        ph = (ph << 1) | 1
        mh <<= 1
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv & mask
    return score


def _rate(edits: int, ref_len: int) -> float:
    """``edits / ref_len``; an empty reference gives 0.0 if matched exactly, else 1.0.

    Division by zero has no useful answer; 1.0 keeps the result finite (and JSON-safe)
    while still flagging that the hypothesis invented text out of nothing.
    """
    if ref_len == 0:
        return 0.0 if edits == 0 else 1.0
    return edits / ref_len


def word_edits(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word-level edit distance, reference word count).

    Returned as a pair so callers can sum both over many lines and divide once: a
    line-level WER over a document is total edits / total gold words, not a mean of
    per-line rates (which would let short lines weigh as much as long ones).
    """
    ref = words(reference)
    return levenshtein(ref, words(hypothesis)), len(ref)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level Levenshtein distance / number of reference words.

    Word order errors are exactly what the repair has to fix, and WER punishes them
    (a swapped pair of words costs 2), unlike bag-of-words measures.
    """
    return _rate(*word_edits(reference, hypothesis))


def char_edits(reference: str, hypothesis: str) -> tuple[int, int]:
    """(character-level edit distance, reference length), on whitespace-normalised text."""
    ref = normalize_ws(reference)
    return levenshtein(ref, normalize_ws(hypothesis)), len(ref)


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: character edit distance / reference length (normalised text).

    Finer than WER: a sign on the wrong side of a word is one or two character edits but a
    whole wrong word, so CER separates "almost right" from "word salad".
    """
    return _rate(*char_edits(reference, hypothesis))


def exact_line_rate(pairs: Iterable[tuple[str, str]]) -> float:
    """Fraction of (reference, hypothesis) line pairs equal after whitespace normalisation.

    The strictest measure, and the one a reader feels: a line with one misplaced word is
    a wrong line. An empty iterable gives 1.0 (nothing was wrong).
    """
    total = right = 0
    for reference, hypothesis in pairs:
        total += 1
        right += normalize_ws(reference) == normalize_ws(hypothesis)
    return right / total if total else 1.0


def bigrams(tokens: Sequence[str]) -> Counter[tuple[str, str]]:
    """Multiset of adjacent word pairs ``(tokens[i], tokens[i + 1])``."""
    return Counter(pairwise(tokens))


def bigram_recall(reference: str, hypothesis: str) -> float:
    """In-order bigram recall: share of the reference's word bigrams found in the hypothesis.

    Defined as ``sum(min(ref[b], hyp[b])) / sum(ref.values())`` over the bigram multisets,
    i.e. a reference bigram counts only as often as the hypothesis has it. A bigram is an
    ordered pair, so words in reversed order do not match. Unlike WER it does not care where
    a stretch of text ends up (e.g. columns or paragraphs in a different order), only whether
    local reading order is right, which is what reversed fragments break. A reference with
    fewer than two words has no bigrams and gives 1.0.
    """
    ref = bigrams(words(reference))
    total = sum(ref.values())
    if total == 0:
        return 1.0
    hyp = bigrams(words(hypothesis))
    found = sum(min(n, hyp[b]) for b, n in ref.items())
    return found / total
