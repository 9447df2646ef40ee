from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The first page: counts over every app, per ward. It sits above the apps it counts, so none imports it."""

    name = "dashboard"
    verbose_name = "Tổng quan"
