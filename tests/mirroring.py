"""Which fixes may turn a character into its mirror image, for the conservation tests.

A repair never adds or drops a character, but some fixes may replace one by its mirror:
mirroring brackets, reversing letters (punctuation around the word is mirrored with it),
the whole-line fixes ``letters_to_logical`` and ``resolve_embeddings``, and the seam fixes
that turn a bracket or curly quote mirrored on its own. On a line one of them changed,
compare characters with mirror pairs folded together (:data:`FOLD`).
"""

MIRRORING_FIXES = frozenset(
    {
        "mirror_brackets",
        "reverse_letters",
        "letters_to_logical",
        "resolve_embeddings",
        "mirrored_marks_to_logical",
        "swap_curly_quotes",
    }
)
FOLD = str.maketrans(")]}>»’”", "([{<«‘“")
