"""Pages of analytics: the ministry dashboard, an account, chart exports, the ЦУР view."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gospablik.analytics import queries
from gospablik.analytics.access import get_account_for_user
from gospablik.analytics.aggregate import monday
from gospablik.analytics.cur import coordinated_ministries, cur_view
from gospablik.analytics.dashboard import Dashboard, ministry_dashboard
from gospablik.analytics.exports import XLSX, chart_xlsx
from gospablik.analytics.forms import PeriodForm, period_form
from gospablik.analytics.models import Report
from gospablik.analytics.period import Period
from gospablik.analytics.reports import do_request_report
from gospablik.analytics.series import account_charts, account_gaps
from gospablik.orgs.models import Ministry
from gospablik.web.decorators import ministry_view


def _period(request: HttpRequest) -> tuple[object, Period]:
    return period_form(request.GET, Period.default(timezone.localdate()))


@ministry_view()
def overview(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    form, period = _period(request)
    board = ministry_dashboard(ministry, period)
    best, worst = queries.top_posts(ministry, period)
    context = {
        "ministry": ministry, "form": form, "board": board, "period": period,
        "previous": period.previous(), "best": best, "worst": worst,
        "formats": queries.by_format(ministry, period),
        "occasions": queries.by_occasion(ministry, period),
        "accounts": queries.account_weeks(ministry, period),
        "table_weeks": queries.table_weeks(period),
        "query": request.GET.urlencode(),
        "is_cur": ministry in coordinated_ministries(request.user),
    }  # fmt: skip
    return render(request, "analytics/overview.html", context)


@ministry_view()
def account(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    obj = get_account_for_user(request.user, ministry, pk)
    form, period = _period(request)
    context = {
        "ministry": ministry, "account": obj, "form": form, "period": period,
        "board": Dashboard(period, [], account_charts(obj, period)),
        "gaps": account_gaps(obj, period), "collection": getattr(obj, "stat_collection", None),
        "posts": obj.post_stats.filter(published_at__gte=queries.aware(period.since))
        .order_by("-published_at")[:50],
        "query": request.GET.urlencode(),
        "chart_query": _with_account(request, obj.pk),
    }  # fmt: skip
    return render(request, "analytics/account.html", context)


def _with_account(request: HttpRequest, pk: int) -> str:
    params = request.GET.copy()
    params["account"] = str(pk)
    return params.urlencode()


@ministry_view()
def export(request: HttpRequest, ministry: Ministry, key: str, fmt: str) -> HttpResponse:
    if fmt not in ("svg", "xlsx"):
        raise Http404(_("Нет такого формата"))
    _form, period = _period(request)
    if request.GET.get("account"):
        obj = get_account_for_user(request.user, ministry, _int(request.GET["account"]))
        charts = account_charts(obj, period)
    else:
        charts = ministry_dashboard(ministry, period).charts
    chart = next((c for c in charts if c.key == key), None)
    if chart is None:
        raise Http404(_("Нет такого графика"))
    return _download(chart, fmt, f"{ministry.key}-{key}-{period.since}-{period.until}", period)


def _int(value: str) -> int:
    if not value.isdigit():
        raise Http404(_("Нет такого аккаунта"))
    return int(value)


def _download(chart: object, fmt: str, name: str, period: Period) -> HttpResponse:
    caption = _("Период: %(since)s — %(until)s") % {
        "since": date_format(period.since, "d.m.Y"), "until": date_format(period.until, "d.m.Y"),
    }  # fmt: skip
    if fmt == "svg":
        response = HttpResponse(chart.standalone_svg(), content_type="image/svg+xml")  # type: ignore[attr-defined]
    else:
        response = HttpResponse(chart_xlsx(chart, caption), content_type=XLSX)  # type: ignore[arg-type]
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@ministry_view()
def cur(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    ministries = coordinated_ministries(request.user)
    if ministry not in ministries:
        raise PermissionDenied(_("Свод ЦУР доступен сотрудникам ЦУР"))
    form, period = _period(request)
    view = cur_view(ministries, rated_week(period.until, timezone.localdate()), period)
    context = {
        "ministry": ministry, "form": form, "view": view, "is_cur": True, "period": period,
        "ministries": ministries, "board": Dashboard(period, [], view.charts),
        "query": request.GET.urlencode(),
    }  # fmt: skip
    return render(request, "analytics/cur.html", context)


def rated_week(until: date, today: date) -> date:
    """The last complete week the range reaches (the current week is not over yet).

    >>> rated_week(date(2026, 12, 9), date(2026, 12, 9))
    datetime.date(2026, 11, 30)
    >>> rated_week(date(2026, 11, 20), date(2026, 12, 9))
    datetime.date(2026, 11, 16)
    """
    week = monday(until)
    return week - timedelta(days=7) if week == monday(today) else week


@ministry_view()
def report_request(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    if request.method != "POST":
        return redirect("analytics:overview", ministry=ministry.key)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, "; ".join(str(e) for e in error))
        return redirect("analytics:overview", ministry=ministry.key)
    created = do_request_report(ministry, form.period(), actor=request.user)
    return redirect("analytics:report", ministry=ministry.key, pk=created.pk)


@ministry_view()
def report_status(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    found = get_object_or_404(Report.objects.defer("pdf"), pk=pk, ministry=ministry)
    return render(request, "analytics/report.html", {"ministry": ministry, "report": found})


@ministry_view()
def report_pdf(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    found = get_object_or_404(Report, pk=pk, ministry=ministry, status=Report.Status.READY)
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    name = f"{ministry.key}-{found.since}-{found.until}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
