"""Pages of objections: the requester (requester.py), the desk (desk.py), the Atasan PPID (atasan.py),
documents and files (files.py), the register (register.py). Disputes have their own modules."""
