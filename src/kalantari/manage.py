"""The `kalantari` console command: the project's manage.py."""

import os
import sys


def main() -> None:
    """Run a Django management command with Kalantari's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalantari.config.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from kalantari.config.dbcheck import command_of, problem

    why = problem(command_of(sys.argv), settings.DATABASES["default"])
    if why:
        sys.stderr.write(why + "\n")
        sys.exit(1)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
