"""Checks an export (archive or own data) against its manifest: every file there, none changed,
none added. Exit status 0 when intact, 1 otherwise (for the archive's import scripts)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from pathways.documents.archive import package_verify


class Command(BaseCommand):
    help = "Verify a Stafett export zip against the SHA-256 checksums of its manifest."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        problems = package_verify(path.read_bytes())
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            sys.exit(1)
        self.stdout.write(f"{path}: intact")
