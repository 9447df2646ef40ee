from django.db import models


class KeptFigures(models.Model):
    """A dashboard unit's figures (dashboard.figures.unit_rows) as counted at `counted_at` for `day`: what the level
    above's table reads instead of counting every ward at every request (dashboard.kept). A copy, recounted when
    the audit log shows a change under the unit, on another day, or once it is MAX_AGE old."""

    unit = models.OneToOneField("org.Organization", primary_key=True, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    counted_at = models.DateTimeField()
    figures = models.JSONField()

    def __str__(self):
        return f"{self.unit_id} {self.day}"
