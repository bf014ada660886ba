"""Tools for maintainers: the live preview (serve) and the benchmark."""
