"""Casework: what clearinghouse analysts and law enforcement do with reports and referrals."""
