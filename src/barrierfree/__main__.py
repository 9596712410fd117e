"""Allow ``python -m barrierfree``."""

from barrierfree.cli import main

main()
