"""Run the command-line interface: python -m converter."""

import sys

from .cli import main

sys.exit(main())
