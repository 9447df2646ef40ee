from django.urls import path

from commendations import views

urlpatterns = [
    path("commendations/", views.commendation_list, name="commendation_list"),
    path("commendations/new/", views.commendation_create, name="commendation_create"),
    path("commendations/<uuid:pk>/", views.commendation_detail, name="commendation_detail"),
    path("commendations/<uuid:pk>/edit/", views.commendation_edit, name="commendation_edit"),
    path("commendations/badges/propose/", views.badge_propose, name="badge_propose"),
    path("commendations/badges/<uuid:pk>/", views.badge_proposal_detail, name="badge_proposal_detail"),
]
