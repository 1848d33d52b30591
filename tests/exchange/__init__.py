"""Tests of conflictmap.exchange, one module each."""
