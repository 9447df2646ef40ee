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
        along = [top]
        if opened is not None and opened.path.startswith(top.path):
            by_path = {unit.path: unit for unit in Organization.objects.get_ancestors(opened)}
            by_path[opened.path] = opened
            along = [by_path[path] for path in sorted(by_path) if path.startswith(top.path)]
            along[0] = top
        parent = top
        for depth_index, unit in enumerate(along):
            if depth_index:
                parent = next((child for child in parent.children if child.pk == unit.pk), None)
                if parent is None:  # past the level's limit: shown from the search
                    break
            parent.children = tree_level(parent) if parent.numchild else []
    return tops


def tree_matches(user, query: str) -> list[Organization]:
    """The units the user sees whose folded name has every word of `query` (at most TREE_MATCHES)."""
    return list(Organization.objects.for_user(user, "org.view").search(query)[:TREE_MATCHES])
