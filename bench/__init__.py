"""Benchmarks and budgets (`make bench`): not tests. Figures are medians of several runs, with
min and max, and the machine they ran on. Results: bench/results.json and bench/RESULTS.md."""
