"""The Party badges a member holds, on their dossier beside their Party age (members.dossier.register_section): shown
to whoever reads the dossier (an honour, not a ward's book)."""

from commendations.models import Recipient
from members.dossier import Section


class BadgesOfMember:
    def read(self, user, member) -> Section | None:
        badges = list(Recipient.objects.filter(member=member, badge_years__isnull=False)
                      .select_related("commendation").order_by("badge_years"))
        return Section("Huy hiệu Đảng", "commendations/dossier_badges.html", {"badges": badges})
