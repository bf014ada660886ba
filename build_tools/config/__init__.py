"""Settings from mkdocs.yml and the command line; the editions; the data every page depends on."""
