"""Statistics (Art. 83(3)), provider scorecards and the annual transparency report (Art. 84).

Everything here is aggregates: counts, shares and durations, never a report, a person or an account.
"""
