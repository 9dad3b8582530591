"""Which member state(s) are likely competent for a report, from weighted evidence (issue 5)."""
