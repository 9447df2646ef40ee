from django.urls import path

from meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/new/roster/", views.meeting_roster, name="meeting_roster"),
    path("meetings/checklist/", views.meeting_checklist, name="meeting_checklist"),
    path("meetings/<uuid:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:pk>/decisions/", views.meeting_decide, name="meeting_decide"),
    path("meetings/<uuid:pk>/correct/", views.meeting_correct, name="meeting_correct"),
    path("meetings/<uuid:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<uuid:pk>/resolution/", views.meeting_resolution, name="meeting_resolution"),
    path("meetings/<uuid:pk>/conclusion/", views.meeting_conclusion, name="meeting_conclusion"),
    path("meetings/<uuid:pk>/conclusion-office/", views.meeting_conclusion_office, name="meeting_conclusion_office"),
]
