from django.urls import path

from org.views import committees, organizations, people

urlpatterns = [
    path("organizations/", organizations.tree, name="organization_tree"),
    path("organizations/new/", organizations.create_root, name="organization_create_root"),
    path("organizations/merge/", organizations.merge, name="ward_merge"),
    path("organizations/<uuid:pk>/", organizations.detail, name="organization_detail"),
    path("organizations/<uuid:pk>/children/", organizations.children, name="organization_children"),
    path("organizations/<uuid:pk>/edit/", organizations.edit, name="organization_edit"),
    path("organizations/<uuid:parent_pk>/new/", organizations.create, name="organization_create"),
    path("organizations/<uuid:org_pk>/terms/new/", committees.term_create, name="term_create"),
    path("organizations/<uuid:org_pk>/committees/new/", committees.committee_create, name="committee_create"),
    path("organizations/<uuid:org_pk>/positions/new/", committees.position_create, name="position_create"),
    path("terms/<uuid:pk>/edit/", committees.term_edit, name="term_edit"),
    path("committees/<uuid:pk>/", committees.committee_detail, name="committee_detail"),
    path("committees/<uuid:pk>/edit/", committees.committee_edit, name="committee_edit"),
    path("committees/<uuid:pk>/members/new/", committees.committee_member_add, name="committee_member_add"),
    path("committee-members/<uuid:pk>/edit/", committees.committee_member_edit, name="committee_member_edit"),
    path("positions/", organizations.positions_on_date, name="positions_on_date"),
    path("positions/<uuid:pk>/edit/", committees.position_edit, name="position_edit"),
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<uuid:pk>/", people.person_detail, name="person_detail"),
    path("people/<uuid:pk>/edit/", people.person_edit, name="person_edit"),
]
