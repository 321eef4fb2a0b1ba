"""Run the command-line interface: python -m converter."""

import sys

from .cli import main

if __name__ == "__main__":  # not when a worker process started by spawn re-imports this module
    sys.exit(main())
