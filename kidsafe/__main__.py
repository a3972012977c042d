"""``python -m kidsafe``: the command-line interface."""

import sys

from kidsafe.cli import main

sys.exit(main())
