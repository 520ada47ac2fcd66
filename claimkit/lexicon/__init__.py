"""Word lists and patterns, one module per pipeline stage (data, not code)."""
