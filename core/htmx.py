"""Answering htmx (django-htmx's request.htmx)."""


def wants_fragment(request) -> bool:
    """Whether to answer with the part of the page htmx swaps in: an htmx request, but not a history restore (the
    browser's back button after the cache is gone asks for the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request
