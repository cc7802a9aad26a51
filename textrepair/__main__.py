"""Allow ``python -m textrepair`` as an alternative to the ``textrepair`` script."""

import sys

from textrepair.cli import main

if __name__ == "__main__":
    sys.exit(main())
