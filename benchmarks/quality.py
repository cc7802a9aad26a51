"""Repair quality on every gold and real-extraction fixture, next to the naive fixes.

Run from the repository root::

    python -m benchmarks.quality                   # table to stdout, results/quality.{md,png}
    python -m benchmarks.quality --json q.json     # + every number as JSON
    python -m benchmarks.quality --no-plot --sources seed000   # quick look at one source

Why one table: the seeds with hand-made gold tell whether textrepair fixes the damage it
was built on; the real-extraction corpus (``benchmarks/corpus/fixtures``: clean sources
typeset by real PDF producers and read back by real extractors) tells whether that carries
over to what people actually get. Both are scored the same way, next to the two naive fixes
people reach for, so a number means something only relative to its neighbours.

Rows (one per fixture):

* ``seed lines NNN``: the gold lines of seeds 001 / 002 (``seeds/gold/NNN.lines.jsonl``,
  as in ``benchmarks/gold_lines.py``). Every method runs on the whole seed file and output
  line ``n`` is compared with gold line ``n`` (textrepair with its default, line-preserving
  config); WER and CER are pooled over the gold lines; exact-line rate is defined.
* ``seed doc NNN``: the same seeds against the document gold ``NNN.doc.txt`` (as in
  ``benchmarks/gold_doc.py``): whole-document word sequences, no line alignment.
* ``<source> <producer> <extractor>``: one real extraction against its ``source.txt``,
  compared as word sequences (the extraction wraps lines, the source has one paragraph per
  line, and the page header/footer is in the extraction but not in the source, as in life).

Methods, all given the whole text:

* ``raw``: the text as it is;
* ``bidi``: python-bidi's ``get_display`` (the Rust one) on every line, the usual naive fix;
* ``revwords``: the word order of every line with a Hebrew letter reversed;
* ``textrepair``: ``textrepair.repair`` -- on documents (doc gold and the corpus) with
  ``RepairConfig(layout=True, reflow=False)``: furniture removed, columns split, broken
  words joined; on the line gold with the default config, which keeps the lines one for one.

Metrics (:mod:`benchmarks.metrics`, whitespace-normalised): word error rate, character
error rate, exact-line rate (``n/a`` where lines do not align). Summaries are plain means of
the per-fixture rates (every fixture weighs the same).

Outputs ``benchmarks/results/quality.md`` (summary, per-producer summary, the full table,
and the corpus fixtures still above 2% WER after textrepair with their errors by kind,
:func:`error_kinds`, and sample edits) and
``benchmarks/results/quality.png`` (mean WER per extractor and method; needs matplotlib).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus.make import SOURCES
from benchmarks.gold_lines import GOLD, GOLD_KEYS, load_gold, read_seed
from benchmarks.metrics import char_edits, normalize_ws, word_edits, words

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "corpus" / "fixtures"
RESULTS = HERE / "results"
METHODS = ("raw", "bidi", "revwords", "textrepair")
PRODUCERS = ("lo_1col", "lo_2col", "weasy_2col", "reportlab_bidi", "fpdf2_shaped")
EXTRACTORS = (
    "pdftotext",
    "pdftotext_layout",
    "pdftotext_raw",
    "pdfminer",
    "pdfplumber",
    "pypdf",
    "pymupdf",
    "mutool",
    "pdfium",
    "pdfjs",
    "pdfbox",
    "tesseract",
    "tesseract_heb_eng",
    "pypdf_layout",
    "pymupdf_sort",
)
# Fixture texts taken from ``../shared/corpus``, whose word pairs the bundled word model
# counted: its decisions on them recall pairs it has read (``benchmarks/wordmodel_eval.py``).
COUNTED = frozenset(name for name, _, spec, _ in SOURCES if spec.startswith("shared:"))
SEED_LINES = "seed lines gold"
SEED_DOC = "seed doc gold"
THRESHOLD = 0.02
_HEBREW = re.compile(r"[\u05d0-\u05ea]")


# --------------------------------------------------------------------------- methods
def _bidi(text: str) -> str:
    """Rust ``get_display`` on every line: what a visual-order line needs, blindly applied."""
    from bidi import get_display

    return "\n".join(get_display(line) for line in text.splitlines())


def _revwords(text: str) -> str:
    """Reverse the word order of every line that has a Hebrew letter."""
    return "\n".join(
        " ".join(reversed(line.split())) if _HEBREW.search(line) else line
        for line in text.splitlines()
    )


def _textrepair_doc(text: str) -> str:
    """The document pipeline: layout on (furniture, columns, broken words), no reflow."""
    import textrepair

    return textrepair.repair(text, textrepair.RepairConfig(layout=True, reflow=False))


def _textrepair_lines(text: str) -> str:
    """The default, line-preserving repair: output line n is the repair of input line n."""
    import textrepair

    return textrepair.repair(text)


DOC_METHODS: dict[str, Callable[[str], str]] = {
    "raw": lambda text: text,
    "bidi": _bidi,
    "revwords": _revwords,
    "textrepair": _textrepair_doc,
}
LINE_METHODS: dict[str, Callable[[str], str]] = {**DOC_METHODS, "textrepair": _textrepair_lines}


# --------------------------------------------------------------------------- scoring
@dataclass
class Score:
    """One method on one fixture. ``exact`` is None where lines do not align."""

    wer: float | None = None
    cer: float | None = None
    exact: float | None = None
    seconds: float = 0.0
    error: str = ""


@dataclass
class Row:
    """One fixture: what it is, and a :class:`Score` per method."""

    group: str  # "corpus", "seed lines gold" or "seed doc gold"
    source: str
    producer: str
    extractor: str
    words: int
    scores: dict[str, Score] = field(default_factory=dict)
    edits: list[str] = field(default_factory=list)  # sample textrepair edits (corpus only)
    kinds: dict[str, int] = field(default_factory=dict)  # textrepair's word edits by kind

    @property
    def name(self) -> str:
        if self.group == "corpus":
            return f"{self.source} {self.producer} {self.extractor}"
        return f"{self.group.removesuffix(' gold')} {self.source}"


def _timed(fn: Callable[[str], str], text: str) -> tuple[str | None, float, str]:
    """(output, seconds, error): a crash in one method must not lose the whole table."""
    start = time.perf_counter()
    try:
        out = fn(text)
    except Exception as exc:  # the core is under active development; report, don't die
        return None, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    return out, time.perf_counter() - start, ""


def score_document(reference: str, text: str, methods: Iterable[str] = METHODS) -> dict:
    """Word-sequence scores of each method's output of ``text`` against ``reference``."""
    scores: dict[str, Score] = {}
    outputs: dict[str, str] = {}
    for method in methods:
        out, seconds, error = _timed(DOC_METHODS[method], text)
        if out is None:
            scores[method] = Score(seconds=seconds, error=error)
            continue
        outputs[method] = out
        w, nw = word_edits(reference, out)
        c, nc = char_edits(reference, out)
        scores[method] = Score(
            wer=w / nw if nw else 0.0, cer=c / nc if nc else 0.0, seconds=seconds
        )
    return {"scores": scores, "outputs": outputs}


def _clip(tokens: list[str], limit: int = 8) -> str:
    """At most ``limit`` words, so a lost column does not flood the table."""
    if not tokens:
        return "∅"
    if len(tokens) <= limit:
        return " ".join(tokens)
    return " ".join(tokens[:limit]) + f" …(+{len(tokens) - limit} words)"


def sample_edits(reference: str, hypothesis: str, limit: int = 3, context: int = 2) -> list[str]:
    """Up to ``limit`` word-level differences, as ``ref-words -> hyp-words`` with context.

    Why: a WER tells how much is wrong, the edits tell what (furniture, a seam, a column).
    """
    ref, hyp = words(reference), words(hypothesis)
    out = []
    matcher = difflib.SequenceMatcher(a=ref, b=hyp, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(ref[max(0, i1 - context) : i1])
        out.append(f"…{before} [{_clip(ref[i1:i2])} → {_clip(hyp[j1:j2])}]")
        if len(out) >= limit:
            break
    return out


# Kinds of word edit, in the order the table names them (see error_kinds).
KINDS = ("moved text", "word order", "marks", "spacing", "added", "lost", "substituted")
_MOVED_RUN = 3  # words in a row found elsewhere make a moved stretch, not a chance match
_NON_WORD = re.compile(r"\W")


def error_kinds(reference: str, hypothesis: str) -> dict[str, int]:
    """The word edits of ``hypothesis`` against ``reference`` by kind.

    Why: a fixture left above 2% needs a reason, and the kind of its errors is one: a
    column or block out of place (``moved text``: a run of :data:`_MOVED_RUN` words or
    more deleted in one place and inserted in another), words out of order (``word
    order``: a stretch of the same words, or a word deleted in one place and inserted in
    another), signs and brackets on the wrong side or mirrored (``marks``: the same
    letters), words split or glued (``spacing``: the same characters), and text only one
    side has (``added``: furniture kept, a line read twice; ``lost``), paired up as
    ``substituted`` (a misread word) as far as they go. Stretches are those of a word
    alignment (:class:`difflib.SequenceMatcher`), each counted by its longer side: the
    counts add up to about the word edits, not exactly.
    """
    ref, hyp = words(reference), words(hypothesis)
    matcher = difflib.SequenceMatcher(a=ref, b=hyp, autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    kinds = dict.fromkeys(KINDS, 0)
    gone: Counter[str] = Counter()
    came: Counter[str] = Counter()
    for k, (_, i1, i2, j1, j2) in enumerate(ops):
        a, b = ref[i1:i2], hyp[j1:j2]
        if a and b and "".join(a) == "".join(b):
            kinds["spacing"] += max(len(a), len(b))
        elif a and b and _cores(a) == _cores(b):
            kinds["marks"] += len(a)
        elif a and b and sorted(a) == sorted(b):
            kinds["word order"] += len(a)
        else:
            out = _elsewhere(a, [hyp[o[3] : o[4]] for m, o in enumerate(ops) if m != k])
            into = _elsewhere(b, [ref[o[1] : o[2]] for m, o in enumerate(ops) if m != k])
            kinds["moved text"] += max(sum(out), sum(into))
            gone.update(w for w, moved in zip(a, out, strict=True) if not moved)
            came.update(w for w, moved in zip(b, into, strict=True) if not moved)
    kinds["word order"] += (gone & came).total()
    lost, added = (gone - came).total(), (came - gone).total()
    kinds["substituted"] = min(lost, added)
    kinds["lost"], kinds["added"] = lost - kinds["substituted"], added - kinds["substituted"]
    return kinds


def _cores(run: list[str]) -> list[str]:
    """The words of ``run`` without their signs and brackets."""
    return [_NON_WORD.sub("", w) for w in run]


def _elsewhere(run: list[str], others: list[list[str]]) -> list[bool]:
    """For each word of ``run``, whether it lies in a stretch of :data:`_MOVED_RUN` words
    or more found word for word in one of ``others``."""
    covered = [False] * len(run)
    for other in others:
        matcher = difflib.SequenceMatcher(a=run, b=other, autojunk=False)
        for block in matcher.get_matching_blocks():
            if block.size >= _MOVED_RUN:
                covered[block.a : block.a + block.size] = [True] * block.size
    return covered


def _summed_kinds(rows: Iterable[Row]) -> dict[str, int]:
    """The word edits by kind of ``rows``, summed."""
    total = dict.fromkeys(KINDS, 0)
    for row in rows:
        for kind, n in row.kinds.items():
            total[kind] += n
    return total


def _kinds_text(kinds: dict[str, int]) -> str:
    """The kinds that make up a fixture's errors, largest first, as shares."""
    total = sum(kinds.values())
    if not total:
        return ""
    parts = sorted((n, -KINDS.index(k), k) for k, n in kinds.items() if n)
    return ", ".join(f"{k} {n / total:.0%}" for n, _, k in reversed(parts))


def corpus_rows(root: Path = FIXTURES, sources: Iterable[str] | None = None) -> list[Row]:
    """Score every ``<source>/<producer>__<extractor>.txt`` under ``root``."""
    rows = []
    wanted = set(sources) if sources is not None else None
    for folder in sorted(p for p in root.iterdir() if (p / "source.txt").is_file()):
        if wanted is not None and folder.name not in wanted:
            continue
        reference = (folder / "source.txt").read_text(encoding="utf-8")
        for path in sorted(folder.glob("*__*.txt")):
            producer, extractor = path.stem.split("__", 1)
            text = path.read_bytes().decode("utf-8")
            result = score_document(reference, text)
            row = Row(
                "corpus", folder.name, producer, extractor, len(words(reference)), result["scores"]
            )
            tr = result["scores"]["textrepair"]
            if tr.wer is not None and tr.wer > THRESHOLD:
                row.edits = sample_edits(reference, result["outputs"]["textrepair"])
                row.kinds = error_kinds(reference, result["outputs"]["textrepair"])
            rows.append(row)
    return rows


def seed_line_rows(keys: Iterable[str] = GOLD_KEYS) -> list[Row]:
    """One row per gold seed: pooled line-level WER/CER and exact-line rate."""
    gold = load_gold(keys)
    rows = []
    for key in keys:
        text = read_seed(key)
        lines = [g for g in gold if g.key == key]
        row = Row(SEED_LINES, key, "", "", sum(len(words(g.gold)) for g in lines))
        for method, fn in LINE_METHODS.items():
            out, seconds, error = _timed(fn, text)
            if out is None:
                row.scores[method] = Score(seconds=seconds, error=error)
                continue
            got = out.splitlines()
            we = nw = ce = nc = exact = 0
            for g in lines:
                hyp = got[g.n - 1] if g.n - 1 < len(got) else ""
                w, n = word_edits(g.gold, hyp)
                c, m = char_edits(g.gold, hyp)
                we, nw, ce, nc = we + w, nw + n, ce + c, nc + m
                exact += normalize_ws(hyp) == normalize_ws(g.gold)
            row.scores[method] = Score(we / nw, ce / nc, exact / len(lines), seconds)
        rows.append(row)
    return rows


def seed_doc_rows(keys: Iterable[str] = GOLD_KEYS) -> list[Row]:
    """One row per gold seed against the whole-document gold (word sequences)."""
    rows = []
    for key in keys:
        reference = (GOLD / f"{key}.doc.txt").read_text(encoding="utf-8")
        result = score_document(reference, read_seed(key))
        rows.append(Row(SEED_DOC, key, "", "", len(words(reference)), result["scores"]))
    return rows


def evaluate(
    root: Path = FIXTURES, sources: Iterable[str] | None = None, seeds: bool = True
) -> list[Row]:
    """All rows: the seed gold first (if ``seeds``), then the corpus fixtures."""
    rows = (seed_line_rows() + seed_doc_rows()) if seeds else []
    return rows + corpus_rows(root, sources)


# --------------------------------------------------------------------------- summaries
def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summary(rows: list[Row], key: Callable[[Row], str], metric: str = "wer") -> dict:
    """``{group label: {method: mean metric}}`` over the rows, grouped by ``key``."""
    acc: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        for method, score in row.scores.items():
            value = getattr(score, metric)
            if value is not None:
                acc[key(row)][method].append(value)
    return {g: {m: _mean(v) for m, v in per.items()} for g, per in acc.items()}


def _extractor_key(row: Row) -> str:
    return row.extractor if row.group == "corpus" else row.group


def _order(labels: Iterable[str], first: tuple[str, ...]) -> list[str]:
    labels = list(labels)
    return [x for x in first if x in labels] + sorted(x for x in labels if x not in first)


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "n/a"
    return f"{100 * x:.1f}%" if pct else f"{x:.3f}"


def _md(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def summary_table(rows: list[Row], by: str = "extractor") -> str:
    """Mean WER and CER per extractor (or producer), one column per method."""
    if by == "extractor":
        key, first = _extractor_key, (SEED_LINES, SEED_DOC, *EXTRACTORS)
    else:
        rows = [r for r in rows if r.group == "corpus"]
        key, first = (lambda r: r.producer), PRODUCERS
    wer, cer = summary(rows, key, "wer"), summary(rows, key, "cer")
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[key(r)] += 1
    corpus = [r for r in rows if r.group == "corpus"]
    if corpus:  # one line for the whole corpus, so there is a single number to quote,
        # and one each for the texts the word model counted and those it never did
        for label, part in (
            ("corpus (all)", corpus),
            ("corpus, texts the word model never counted", _unseen(corpus, True)),
            ("corpus, texts the word model counted", _unseen(corpus, False)),
        ):
            if part:
                wer |= summary(part, lambda r, label=label: label, "wer")
                cer |= summary(part, lambda r, label=label: label, "cer")
                counts[label] = len(part)
                first = (*first, label)
    head = [by, "n", *(f"WER {m}" for m in METHODS), *(f"CER {m}" for m in METHODS)]
    out = [_md(head), _md(["---", "---:"] + ["---:"] * 2 * len(METHODS))]
    for label in _order(wer, first):
        out.append(
            _md(
                [label, str(counts[label])]
                + [_fmt(wer[label].get(m)) for m in METHODS]
                + [_fmt(cer[label].get(m)) for m in METHODS]
            )
        )
    return "\n".join(out)


def _unseen(rows: list[Row], unseen: bool) -> list[Row]:
    """The rows whose source text the bundled word model never counted (or counted)."""
    return [r for r in rows if (r.source not in COUNTED) == unseen]


def full_table(rows: list[Row]) -> str:
    """Every fixture: WER, CER and exact-line rate of every method."""
    head = ["fixture", "words"]
    for metric in ("WER", "CER", "exact"):
        head += [f"{metric} {m}" for m in METHODS]
    out = [_md(head), _md(["---", "---:"] + ["---:"] * 3 * len(METHODS))]
    for row in rows:
        cells = [row.name, str(row.words)]
        for metric in ("wer", "cer", "exact"):
            for m in METHODS:
                s = row.scores.get(m)
                if s is not None and s.error:
                    cells.append("error")
                else:
                    cells.append(_fmt(getattr(s, metric) if s else None, pct=metric == "exact"))
        out.append(_md(cells))
    return "\n".join(out)


def _above(row: Row, threshold: float) -> bool:
    """Whether textrepair's WER on ``row`` is above ``threshold`` (or it crashed)."""
    wer = row.scores["textrepair"].wer
    return wer is None or wer > threshold


def above_threshold(rows: list[Row], threshold: float = THRESHOLD) -> str:
    """Corpus fixtures whose textrepair WER is above ``threshold``, with what their errors
    are (:func:`error_kinds`) and sample edits."""
    out = [
        _md(
            [
                "fixture",
                "WER raw",
                "WER textrepair",
                "errors by kind",
                "sample edits (reference → output)",
            ]
        ),
        _md(["---", "---:", "---:", "---", "---"]),
    ]
    bad = [r for r in rows if r.group == "corpus" and _above(r, threshold)]
    bad.sort(
        key=lambda r: -(9.0 if r.scores["textrepair"].wer is None else r.scores["textrepair"].wer)
    )
    for r in bad:
        s = r.scores["textrepair"]
        edits = s.error or "<br>".join(e.replace("|", "\\|") for e in r.edits)
        row = [r.name, _fmt(r.scores["raw"].wer), _fmt(s.wer), _kinds_text(r.kinds), edits]
        out.append(_md(row))
    return "\n".join(out)


def errors(rows: list[Row]) -> list[str]:
    """Every method that crashed, as ``fixture method: error``."""
    return [f"{r.name} {m}: {s.error}" for r in rows for m, s in r.scores.items() if s.error]


def _textrepair_version() -> str:
    """Which textrepair was scored (the checkout's commit, or a copy): numbers date fast."""
    try:
        import textrepair
        from benchmarks.throughput import _source

        return _source(Path(textrepair.__file__).parent)
    except Exception as exc:  # a broken core must not lose the report
        return f"unknown ({type(exc).__name__})"


def markdown(rows: list[Row], seconds: float) -> str:
    """The whole report: summaries, the full table, the fixtures above 2% WER."""
    corpus = [r for r in rows if r.group == "corpus"]
    n_bad = sum(1 for r in corpus if _above(r, THRESHOLD))
    parts = [
        "# Repair quality",
        "",
        "Generated by `python -m benchmarks.quality` (do not edit by hand). WER/CER are "
        "whitespace-normalised; summaries are plain means over fixtures. Corpus fixtures "
        "are compared as word sequences against `source.txt`, which has no page "
        "header/footer, so furniture left in the output counts as insertions. "
        "`textrepair` is `RepairConfig(layout=True, reflow=False)` on documents and the "
        "default line-preserving repair on the seed line gold.",
        "",
        "## Mean per extractor",
        "",
        summary_table(rows, "extractor"),
        "",
        "## Mean per producer (corpus only)",
        "",
        summary_table(rows, "producer"),
        "",
        f"## Corpus fixtures above {THRESHOLD:.0%} WER after textrepair ({n_bad} of {len(corpus)})",
        "",
        "Errors by kind (`error_kinds`): the reason a fixture is left above the bar. "
        f"All of them together: {_kinds_text(_summed_kinds(corpus))}.",
        "",
        above_threshold(rows),
        "",
        "## Every fixture",
        "",
        full_table(rows),
        "",
        f"{len(rows)} fixtures scored in {seconds:.1f} s; textrepair: {_textrepair_version()}.",
    ]
    errs = errors(rows)
    if errs:
        parts += ["", "## Errors", "", *(f"- {e}" for e in errs)]
    return "\n".join(parts) + "\n"


def plot(rows: list[Row], path: Path) -> bool:
    """Bar chart of mean WER per extractor (and seed gold set), one bar per method."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no plot", file=sys.stderr)
        return False
    wer = summary(rows, _extractor_key, "wer")
    labels = _order(wer, (SEED_LINES, SEED_DOC, *EXTRACTORS))
    fig, ax = plt.subplots(figsize=(12, 4.8))
    width = 0.8 / len(METHODS)
    colors = {"raw": "#9e9e9e", "bidi": "#f0a030", "revwords": "#6fa8dc", "textrepair": "#2e7d32"}
    for i, method in enumerate(METHODS):
        xs = [j + (i - (len(METHODS) - 1) / 2) * width for j in range(len(labels))]
        ys = [wer[label].get(method) or 0.0 for label in labels]
        bars = ax.bar(xs, ys, width, label=method, color=colors[method])
        if method == "textrepair":
            for bar, y in zip(bars, ys, strict=True):
                ax.annotate(
                    f"{y:.2f}",
                    (bar.get_x() + bar.get_width() / 2, y),
                    ha="center",
                    va="bottom",
                    fontsize=7,
                )
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(
        [x.replace(" gold", "\ngold").replace("_", "\n") for x in labels], fontsize=8
    )
    ax.set_ylabel("mean WER (lower is better)")
    ax.set_title("Word error rate per extractor: raw, naive fixes and textrepair")
    ax.axhline(THRESHOLD, color="#2e7d32", linewidth=0.6, linestyle=":")
    ax.legend(ncol=4, fontsize=8, loc="upper center")
    ax.set_ylim(0, max(1.1, max((v or 0) for per in wer.values() for v in per.values())) * 1.15)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="corpus fixtures")
    parser.add_argument("--sources", nargs="+", help="only these corpus sources")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seed gold rows")
    parser.add_argument("--out-dir", type=Path, default=RESULTS, help="quality.md/.png here")
    parser.add_argument("--no-plot", action="store_true", help="do not write the PNG")
    parser.add_argument("--json", metavar="PATH", help="write every number to PATH as JSON")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows = evaluate(args.fixtures, args.sources, seeds=not args.no_seeds)
    seconds = time.perf_counter() - start
    report = markdown(rows, seconds)
    print(report)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "quality.md").write_text(report, encoding="utf-8")
    if not args.no_plot:
        plot(rows, args.out_dir / "quality.png")
    if args.json:
        payload = [asdict(r) | {"name": r.name} for r in rows]
        Path(args.json).write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
