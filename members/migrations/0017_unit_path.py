"""Each member row carries its unit's tree path (issue 15): the lists' scope answered by an index first. The triggers
that keep it (org.unit_paths) are created here and the existing rows filled, before the index is built."""

from django.db import migrations, models

import core.scoping
from org.unit_paths import keep_in_migration


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0016_event_organization'),
        ('org', '0009_unit_path'),
    ]

    operations = [
        migrations.AddField(
            model_name='partymember',
            name='unit_path',
            field=core.scoping.UnitPathField(default='', editable=False, max_length=255, source='organization'),
        ),
        keep_in_migration("members", "PartyMember"),
        migrations.AddIndex(
            model_name='partymember',
            index=models.Index(fields=['unit_path'], name='member_unit_path', opclasses=['varchar_pattern_ops']),
        ),
    ]
