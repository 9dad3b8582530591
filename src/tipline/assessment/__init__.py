"""Assessment: signals, priority, manifestly unfounded, missing information, viral bundling (issue 4)."""
