"""``python -m adminflow``: the command-line interface."""

from adminflow.cli import main

raise SystemExit(main())
