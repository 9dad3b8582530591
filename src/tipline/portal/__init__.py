"""The portal: analysts and law enforcement work their queues in a browser (docs/portal.md)."""
