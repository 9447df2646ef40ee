"""The organisations' folded names, for the tree's search (issue 15)."""

from django.db import migrations, models


def fold_names(apps, schema_editor):
    from core.search import fold

    organizations = apps.get_model("org", "Organization")
    batch = []
    for unit in organizations.objects.only("pk", "name").iterator(chunk_size=2000):
        unit.search_name = fold(unit.name)
        batch.append(unit)
        if len(batch) == 2000:
            organizations.objects.bulk_update(batch, ["search_name"])
            batch = []
    organizations.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0009_unit_path'),
    ]

    operations = [
        migrations.AddField(
            model_name='organization',
            name='search_name',
            field=models.CharField(default='', editable=False, max_length=200),
        ),
        migrations.RunPython(fold_names, migrations.RunPython.noop),
    ]
