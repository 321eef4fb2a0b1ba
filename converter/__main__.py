"""Run the command-line interface: python -m converter."""

import gc
import sys

if __name__ == "__main__":  # not when a worker process started by spawn re-imports this module
    # a run makes its long-lived objects (modules, taxonomy) first and its garbage in stages, each of which
    # collects what it made (pipeline.young_collection): automatic collections would only walk the long-lived ones
    gc.disable()
    from .cli import main

    sys.exit(main())
