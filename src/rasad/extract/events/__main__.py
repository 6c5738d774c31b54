"""``python -m rasad.extract.events GOLD.jsonl``: type accuracy and confusion on participant-matched events."""

import sys

from .plover import main

main(sys.argv[1:])
