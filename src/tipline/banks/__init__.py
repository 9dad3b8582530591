"""Banks of hash indicators (known-material lists, allowlists) and the readers curators import them with."""
