"""``python -m pipeline`` runs the ``newsclaims`` command line."""
from .cli import main

raise SystemExit(main())
