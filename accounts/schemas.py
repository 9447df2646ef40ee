"""The shapes the authentication API reads and writes."""

import datetime

from ninja import Schema
from pydantic import ConfigDict


class TokenIn(Schema):
    """Not an Input: a password is compared as typed, as the login page does (core.text would change it)."""

    model_config = ConfigDict(extra="forbid")

    username: str
    password: str


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime
