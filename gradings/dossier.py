"""A member's grades by year, on their dossier (members.dossier.register_section), to whoever may read both."""

from core.scoping import has_perm
from gradings.models import Grading
from members.dossier import Section


class GradesOfMember:
    def read(self, user, member) -> Section | None:
        if not has_perm(user, "gradings.view", member.organization):
            return None
        rows = list(Grading.objects.filter(member=member).order_by("-year")[:20])
        return Section("Đánh giá, xếp loại chất lượng", "gradings/dossier_section.html", {"gradings": rows})
