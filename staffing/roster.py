"""The ward's staff list as the page and the API show it, built once."""

from staffing.models import StaffHolding, StaffPost, figures_on


def staffing_of(ward, user, day):
    """The ward's posts (level, then order) each with `holders` in force on `day`, who among them hold several posts,
    and the totals per level: what the page and the API show."""
    posts = list(StaffPost.objects.for_user(user, "staffing.view").filter(ward=ward).select_related("unit")
                 .order_by("level", "unit__path", "order", "title"))
    holdings = StaffHolding.objects.for_user(user, "staffing.view").filter(post__ward=ward)
    current = list(holdings.on(day).select_related("person"))
    by_post: dict = {}
    for holding in current:
        by_post.setdefault(holding.post_id, []).append(holding)
    counts: dict = {}
    for holding in current:
        counts[holding.person_id] = counts.get(holding.person_id, 0) + 1
    for post in posts:
        post.holders = by_post.get(post.pk, [])
        for holding in post.holders:
            holding.concurrent = counts[holding.person_id] > 1
    return posts, figures_on(holdings, day)
