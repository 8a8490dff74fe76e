"""``python -m annotate`` is the ``annotate`` command."""

from .cli import main

if __name__ == "__main__":
    main()
