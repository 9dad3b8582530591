"""Text cues: curated multilingual patterns over descriptions and chat excerpts."""
