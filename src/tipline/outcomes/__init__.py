"""Outcomes of reports as law enforcement tells them: parsers of narrative case summaries (pure)."""
