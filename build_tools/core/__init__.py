"""What every stage shares: typed values (model), diagnostics, text utilities, dates, the YAML loader, files."""
