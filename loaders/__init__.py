"""Document readers, extraction rules (with their data files) and the ingest CLI."""
