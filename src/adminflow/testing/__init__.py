"""Helpers for testing code built on adminflow: hypothesis strategies and fakes.

Needs the ``hypothesis`` package (``pip install adminflow[test]``).
"""

__all__: list[str] = []
