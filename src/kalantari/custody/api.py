"""Custody: the staff API (staff with a verified second factor, like every router)."""

from ninja import Router

router = Router(tags=["custody"])
