"""tipline: a clearinghouse for reports of online child sexual abuse."""

__version__ = "0.1.0"
