"""Pages of the security module, mounted at /<ministry>/security/."""

from django.urls import path

from gospablik.security.views import accounts, alerts, audit_export, people

app_name = "security"
urlpatterns = [
    path("", accounts.overview, name="overview"),
    path("accounts/<int:pk>/", accounts.account_page, name="account"),
    path("accounts/<int:pk>/posture/", accounts.record_posture, name="posture"),
    path("accounts/<int:pk>/admins/", accounts.allow_admin, name="allow_admin"),
    path(
        "accounts/<int:pk>/admins/<int:admin_pk>/delete/",
        accounts.forbid_admin,
        name="forbid_admin",
    ),
    path("accounts/<int:pk>/snapshot/", accounts.snapshot_now, name="snapshot"),
    path("accounts/<int:pk>/keys/", accounts.keys, name="keys"),
    path("keys/<int:pk>/", accounts.key_edit, name="key_edit"),
    path("alerts/", alerts.alert_list, name="alerts"),
    path("alerts/<int:pk>/", alerts.alert_detail, name="alert"),
    path("audit/", audit_export.audit_export, name="audit_export"),
    path("people/", people.people, name="people"),
    path("people/<int:user_id>/reset-2fa/", people.reset_second_factor, name="reset_2fa"),
]
