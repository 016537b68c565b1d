"""Pages of the approvals module, mounted at /<ministry>/approvals/."""

from django.urls import path, register_converter

from gospablik.approvals.views import plan, reports, requests, review, submissions

app_name = "approvals"


class DocumentFormat:
    regex = "docx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DocumentFormat, "approvals_docfmt")

urlpatterns = [
    path("", submissions.submission_list, name="list"),
    path("new/", submissions.submission_new, name="new"),
    path("<int:pk>/", submissions.submission_detail, name="detail"),
    path("<int:pk>/edit/", submissions.submission_edit, name="edit"),
    path("<int:pk>/submit/", submissions.submission_submit, name="submit"),
    path("<int:pk>/withdraw/", submissions.submission_withdraw, name="withdraw"),
    path("<int:pk>/history/", submissions.submission_history, name="history"),
    path("<int:pk>/remarks/", review.remark_add, name="remark_add"),
    path("<int:pk>/consolidate/", review.consolidate, name="consolidate"),
    path("<int:pk>/sign/", review.sign, name="sign"),
    path("<int:pk>/to-plan/", plan.to_plan, name="to_plan"),
    path(
        "<int:pk>/rounds/<int:number>/remarks.<approvals_docfmt:fmt>",
        submissions.round_document,
        name="document",
    ),
    path("files/<int:pk>/", submissions.item_file, name="item_file"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/files/<int:pk>/", requests.request_file, name="request_file"),
    path("report/", reports.report, name="report"),
    path("report/export.xlsx", reports.report_export, name="report_xlsx"),
]
