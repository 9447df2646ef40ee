"""The tables take accounts' names, and the content types of users, roles and tokens move with them, so that the
audit rows already written about them still name them."""

from django.db import migrations

MODELS = ("user", "assignment", "apitoken")


def move_content_types(apps, schema_editor, source="org", target="accounts"):
    content_type = apps.get_model("contenttypes", "ContentType")
    taken = set(content_type.objects.filter(app_label=target, model__in=MODELS).values_list("model", flat=True))
    content_type.objects.filter(app_label=source, model__in=set(MODELS) - taken).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="accounts", target="org")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('org', '0008_accounts_moved'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelTable(name='user', table=None),
        migrations.AlterModelTable(name='assignment', table=None),
        migrations.AlterModelTable(name='apitoken', table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
