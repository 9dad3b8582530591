"""Language lexicons of the text-cue engine: one module per ISO 639-1 code, each defining ``LEXICON``."""
