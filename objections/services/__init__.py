"""Objection services: one module per concern, each transition with its guard (ppid/rules.py).

Disputes (objections/services/disputes*.py) build on these.
"""
