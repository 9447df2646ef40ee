"""Backup and restore of a whole installation: `manage.py backup` and `manage.py restore` (backups.services)."""
