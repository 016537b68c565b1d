"""Pages of the moderation module, mounted at /<ministry>/moderation/."""

from django.urls import path

from gospablik.moderation.views import blacklist, comments, inbox, queue, reports, rules

app_name = "moderation"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("decide/", queue.decide_bulk, name="decide_bulk"),
    path("comments/", comments.comment_list, name="comments"),
    path("comments/<int:pk>/", comments.comment_detail, name="comment"),
    path("comments/<int:pk>/decide/", queue.decide_one, name="decide"),
    path("comments/<int:pk>/restore/", comments.comment_restore, name="restore"),
    path("blacklist/", blacklist.blacklist, name="blacklist"),
    path("blacklist/<int:pk>/", blacklist.sanction_detail, name="sanction"),
    path("blacklist/<int:pk>/lift/", blacklist.sanction_lift, name="sanction_lift"),
    path("blacklist/<int:pk>/appeal/", blacklist.sanction_appeal, name="sanction_appeal"),
    path(
        "blacklist/<int:pk>/appeal/decision/",
        blacklist.sanction_appeal_decision,
        name="sanction_appeal_decision",
    ),
    path("rules/", rules.rule_list, name="rules"),
    path("rules/new/", rules.rule_edit, name="rule_new"),
    path("rules/<int:pk>/", rules.rule_edit, name="rule_edit"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:pk>/", inbox.message_detail, name="message"),
    path(
        "inbox/<int:pk>/<str:act>/",
        inbox.message_act,
        name="message_act",
    ),
    path("reports/", reports.report_page, name="report"),
    path("reports/export.xlsx", reports.report_export, name="report_export"),
]
