"""Fixtures shared with the meetings tests: the 2021 session of the ward (the minutes of a stored odd name)."""

from meetings.tests.conftest import session  # noqa: F401 - a fixture
