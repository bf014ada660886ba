"""Seed files to cleaned, described articles: sources (find, decode), readers (one per format), cleaning, metadata."""
