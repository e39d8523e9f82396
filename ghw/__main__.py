"""``python -m ghw`` runs the ghw command."""

import sys

from .cli import main

sys.exit(main())
