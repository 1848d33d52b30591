"""Benchmarks for conflictmap: synthetic events, render, browser and pipeline figures (see BENCHMARKS.md)."""
