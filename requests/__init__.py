"""Information requests (permohonan informasi publik).

This package is named `requests` and so shadows the PyPI library of that name: the
project must never depend on a package that imports it (see ppid/checks.py).
"""
