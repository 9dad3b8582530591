"""Linking reports that name the same person (issue 4 records identifiers and finds reports sharing
them; issue 5 builds subjects, IP+port+time links and jurisdiction on top)."""
