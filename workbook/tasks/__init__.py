"""One module per alignment task; each returns plain DataFrames and dataclasses."""
