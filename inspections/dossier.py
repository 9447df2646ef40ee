"""The inspections and supervisions that concerned a member, on their dossier (members.dossier.register_section):
shown to those who may read both the dossier and the ward's inspection programs."""

from core.scoping import has_perm
from inspections.models import Inspection
from members.dossier import Section

SHOWN = 20  # a member is inspected a handful of times in a career; the program's list holds the rest


class InspectionsOfMember:
    def read(self, user, member) -> Section | None:
        if not has_perm(user, "inspections.view", member.organization):  # a grant on the ward covers its chi bộ
            return None
        rows = list(Inspection.objects.for_user(user, "inspections.view").concerning(member)
                    .select_related("conclusion_document").order_by("-year", "-quarter", "-created")[:SHOWN])
        return Section("Kiểm tra, giám sát", "inspections/dossier_section.html", {"inspections": rows})
