"""The real-extraction corpus: ``make.py`` regenerates ``fixtures/`` (see its docstring)."""
