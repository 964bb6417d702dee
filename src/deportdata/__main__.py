"""`python -m deportdata` runs the command line."""

import sys

from deportdata.cli import main

sys.exit(main())
