"""Business rules of requests/: every write goes through a function in this package.

- transitions: the state machine, locking, and the event log
- deadlines: the one recompute service that writes receipt_date and notice_due
"""
