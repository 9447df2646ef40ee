from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = "Tổ chức và nhân sự"
