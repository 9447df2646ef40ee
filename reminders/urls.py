from django.urls import path

from reminders import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/count/", views.inbox_count, name="inbox_count"),
    path("inbox/read/", views.inbox_read, name="inbox_read"),
]
