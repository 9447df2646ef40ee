"""Each person row carries its unit's tree path (issue 15): the lists' scope answered by an index first. The triggers
that keep it (org.unit_paths) are created here and the existing rows filled, before the index is built."""

from django.db import migrations, models

import core.scoping
from org.unit_paths import keep_in_migration


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0008_accounts_moved'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='unit_path',
            field=core.scoping.UnitPathField(default='', editable=False, max_length=255, source='organization'),
        ),
        keep_in_migration("org", "Person"),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['unit_path'], name='person_unit_path', opclasses=['varchar_pattern_ops']),
        ),
    ]
