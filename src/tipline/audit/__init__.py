"""The audit trail of access to banks, evidence and reports."""
