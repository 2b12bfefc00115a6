"""The `kalantari` console command: the project's manage.py."""

import os
import sys


def main() -> None:
    """Run a Django management command with Kalantari's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalantari.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
