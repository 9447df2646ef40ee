from django.urls import path

from staffing import views

urlpatterns = [
    path("staffing/", views.staffing_page, name="staffing"),
    path("staffing/posts/new/", views.post_create, name="staffing_post_create"),
    path("staffing/posts/<uuid:pk>/holder/", views.holding_create, name="staffing_holding_create"),
    path("staffing/holdings/<uuid:pk>/end/", views.holding_end, name="staffing_holding_end"),
    path("staffing/plans/new/", views.plan_create, name="staffing_plan_create"),
    path("staffing/plans/<uuid:pk>/", views.plan_detail, name="staffing_plan_detail"),
]
