"""Views of requests/, one module per area (intake, processing)."""
