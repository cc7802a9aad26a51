"""Benchmarks and gold-line evaluation for textrepair (see README.md); not shipped."""
