"""Who may do what: roles, permissions, and which reports a person may see. The one place where the
portal's authorization is decided (docs/portal.md, tests/access/test_matrix.py)."""
