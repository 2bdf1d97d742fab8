"""``python -m pipeline`` runs the ``newsclaims`` command line."""
from .cli import program

program()
