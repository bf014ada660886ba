"""Putting a finished build in place: the lock, the refusal to shrink, the journal and atomic swap, report, archive."""
