"""Fixtures the registry tests share with the meetings tests: the 2021 session, the 2025–2030 term of the ward."""

from meetings.tests.conftest import session, ward_2026  # noqa: F401 - fixtures
