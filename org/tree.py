"""The organisation tree as the tree page shows it: level by level, never the whole scope (issue 15)."""

from core.scoping import granted_paths, is_global
from org.models import Organization

TREE_LEVEL = 300  # at most this many units of one level are listed; the search finds any other
TREE_MATCHES = 20
TREE_OPEN = "org_tree_open"  # the session key of the unit last opened


def tree_tops(user) -> list[Organization]:
    """The outermost units the user sees: the roots for the administrator, else the units of their roles."""
    if is_global(user):
        return list(Organization.objects.get_root_nodes())
    return list(Organization.objects.filter(path__in=granted_paths(user, "org.view")))


def tree_level(unit: Organization) -> list[Organization]:
    """The units directly under `unit`, in the tree's order (one query, at most TREE_LEVEL of them)."""
    return list(Organization.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)[:TREE_LEVEL])


def tree_nodes(user, opened: Organization | None = None) -> list[Organization]:
    """The user's top units, each open with its children listed, and the path down to `opened` open (one query a
    level): `children` on a unit is the list shown under it, absent for a closed one."""
    tops = tree_tops(user)
    for top in tops:
        unit = top
        while unit is not None:
            unit.children = tree_level(unit) if unit.numchild else []
            if opened is None or unit.path == opened.path or not opened.path.startswith(unit.path):
                break
            # The next unit down the path to `opened` (its path one step longer); None past the level's limit.
            step = opened.path[:len(unit.path) + Organization.steplen]
            unit = next((child for child in unit.children if child.path == step), None)
    return tops


def tree_matches(user, query: str) -> list[Organization]:
    """The units the user sees whose folded name has every word of `query` (at most TREE_MATCHES)."""
    return list(Organization.objects.for_user(user, "org.view").search(query)[:TREE_MATCHES])
