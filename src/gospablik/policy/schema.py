"""The schema of a ministry's policy: its Порядок as validated data.

Every value that implements a clause of the regulation carries a ``clause`` string
next to it ("000 п.2 абз.4", "001 Порядок п.1.1") so that a duty, a report or a
screen can always say which rule it follows.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gospablik.calendar import BusinessHours, Period, PeriodUnit, ProductionCalendar
from gospablik.calendar import due_at as calendar_due_at
from gospablik.policy.consistency import check_policy

Network = Literal["vk", "ok", "telegram", "max", "facebook", "instagram", "blog"]
OrgKind = Literal["ministry", "department", "operator", "cur", "media_directorate"]
Role = Literal[
    "head", "editor", "reviewer", "moderator", "registry_keeper", "security_officer", "legal",
    "viewer",
]  # fmt: skip
Function = Literal[
    "registry", "account_creation", "posting", "maintenance", "security", "moderation",
    "content_approval", "account_notification", "order_publication", "information_requests",
]  # fmt: skip
ModerationCategory = Literal["unlawful", "spam", "insult", "obscenity", "threat"]
AccountEvent = Literal["created", "deleted"]

NETWORKS: tuple[str, ...] = get_args(Network)
FUNCTIONS: tuple[str, ...] = get_args(Function)
MODERATION_CATEGORIES: tuple[str, ...] = get_args(ModerationCategory)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Share = Annotated[float, Field(gt=0, le=1)]
Probability = Annotated[float, Field(ge=0, le=1)]


class Spec(BaseModel):
    """Base of every policy model: unknown fields are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PeriodSpec(Spec):
    """A deadline as the regulation states it ("в течение 3 рабочих дней")."""

    amount: int = Field(gt=0)
    unit: PeriodUnit
    clause: str = ""
    roll_to_working_day: bool = False

    @model_validator(mode="after")
    def _roll_only_calendar_days(self) -> PeriodSpec:
        if self.roll_to_working_day and self.unit != "calendar_days":
            raise ValueError("roll_to_working_day применяется только к сроку в calendar_days")
        return self

    def to_period(self) -> Period:
        return Period(self.amount, self.unit)

    def describe_ru(self) -> str:
        return self.to_period().describe_ru()


class OrganizationSpec(Spec):
    key: Slug
    kind: OrgKind
    name: Text
    short_name: Text
    parent: str | None = None


class FunctionAssignment(Spec):
    function: Function
    orgs: list[str] = Field(min_length=1)
    clause: Text


class NetworkSpec(Spec):
    network: Network
    clause: Text


class AccountNotificationSpec(Spec):
    recipient: str
    events: list[AccountEvent] = Field(min_length=1)
    period: PeriodSpec
    clause: Text


class PublicationStepSpec(Spec):
    """A further step of publishing the order (registration, legal portals)."""

    action: Text
    where: list[str] = []
    period: PeriodSpec | None = None
    clause: Text


class OrderPublicationSpec(Spec):
    responsible: str
    period: PeriodSpec | None
    where: list[str] = Field(min_length=1)
    clause: Text
    extra_steps: list[PublicationStepSpec] = []


class ApprovalSpec(Spec):
    """Approval of content made by ЦУР: deadlines and the form of remarks."""

    operational: PeriodSpec
    special_project: PeriodSpec
    signer_role: Role = "head"
    single_remarks_document: bool = True
    clause: Text
    information_request_max: PeriodSpec | None = None


class RepostCapSpec(Spec):
    """«не более N процентов от общего количества публикаций в неделю»: counted per calendar
    week (Monday to Sunday) in the policy's time zone; there is no other window to choose."""

    max_share: Share
    clause: Text


class StyleSpec(Spec):
    conversational: bool
    discourage_press_release: bool
    discourage_bureaucratese: bool
    min_score: float | None = None
    clause: Text


PassportItem = Literal[
    "name_matches", "description", "contacts", "avatar", "cover", "widgets", "live_cover",
    "gov_mark", "comments_open",
]  # fmt: skip


class PassportItemSpec(Spec):
    """One more item of the page passport, with its source (a clause of the order or a law)."""

    item: PassportItem
    clause: Text


class ProfileSpec(Spec):
    """What an account page must contain, read from the network on a schedule (the passport).

    ``description_required`` asks for a description, ``design_required`` for an avatar and a
    cover, ``use_new_features`` for apps/widgets and a dynamic cover, all under ``clause``;
    ``passport`` adds items from other sources (8-ФЗ as amended by 270-ФЗ).
    """

    description_required: bool
    design_required: bool
    use_new_features: bool = True
    clause: Text
    passport: list[PassportItemSpec] = []

    def required(self) -> dict[str, str]:
        """Required item -> the clause it comes from."""
        wanted: dict[str, str] = {}
        switches = (
            (self.description_required, ("description",)),
            (self.design_required, ("avatar", "cover")),
            (self.use_new_features, ("widgets", "live_cover")),
        )
        for on, items in switches:
            wanted.update({item: self.clause for item in items if on})
        wanted.update({p.item: p.clause for p in self.passport})
        return wanted


class SanctionStep(Spec):
    action: Literal["warning", "ban"]
    days: int | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _warning_has_no_days(self) -> SanctionStep:
        if self.action == "warning" and self.days is not None:
            raise ValueError("у предупреждения (warning) не бывает срока days")
        return self


def check_thresholds(thresholds: dict[str, float]) -> dict[str, float]:
    for category, value in thresholds.items():
        if category not in MODERATION_CATEGORIES:
            allowed = ", ".join(MODERATION_CATEGORIES)
            raise ValueError(f"неизвестная категория «{category}»; допустимы: {allowed}")
        if not 0 <= value <= 1:
            raise ValueError(f"порог «{category}» должен быть от 0 до 1, получено {value}")
    return thresholds


class ModerationSpec(Spec):
    delete_categories: list[ModerationCategory] = Field(min_length=1)
    blacklist_allowed: bool
    sanctions_ladder: list[SanctionStep]
    review_sla: PeriodSpec
    auto_delete_threshold: dict[str, float]
    review_threshold: dict[str, float]
    clause: Text

    @field_validator("auto_delete_threshold", "review_threshold")
    @classmethod
    def _known_categories(cls, value: dict[str, float]) -> dict[str, float]:
        return check_thresholds(value)

    @model_validator(mode="after")
    def _consistent(self) -> ModerationSpec:
        if self.blacklist_allowed and not self.sanctions_ladder:
            raise ValueError("чёрный список разрешён, но лестница санкций sanctions_ladder пуста")
        for category, auto in self.auto_delete_threshold.items():
            review = self.review_threshold.get(category)
            if review is not None and review > auto:
                raise ValueError(f"порог проверки «{category}» выше порога автоудаления")
        return self


class TopicSpec(Spec):
    """A topic of residents' threads and where it is routed (an organization of the policy)."""

    key: Slug
    name: Text
    keywords: list[Text] = []
    org: str | None = None


class DialogueSpec(Spec):
    """Answering residents: deadlines, who answers, who needs approval, topics."""

    answer_within: PeriodSpec
    final_answer_within: PeriodSpec | None = None
    approval_within: PeriodSpec | None = None
    formal_appeal_within: PeriodSpec
    escalate_to_role: Role | None = None
    answering_orgs: list[str] = Field(min_length=1)
    answer_without_approval: list[Role] = []
    topics: list[TopicSpec] = []
    clause: Text

    @model_validator(mode="after")
    def _unique_topics(self) -> DialogueSpec:
        keys = [t.key for t in self.topics]
        if len(keys) != len(set(keys)):
            raise ValueError("ключи тем dialogue.topics повторяются")
        return self


class RemindersSpec(Spec):
    before_hours: list[Annotated[int, Field(gt=0)]] = [24, 2]
    escalate_to_role: Role = "head"


class CalendarSpec(Spec):
    extra_working_days: list[date] = []
    extra_days_off: list[date] = []
    business_hours_start: time = time(9, 0)
    business_hours_end: time = time(18, 0)

    @field_validator("business_hours_start", "business_hours_end", mode="before")
    @classmethod
    def _time_must_be_quoted(cls, value: Any) -> Any:
        # YAML 1.1 reads an unquoted 18:00 as the number 1080 (base 60).
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError('время нужно указать в кавычках, например "18:00"')
        return value

    @model_validator(mode="after")
    def _consistent(self) -> CalendarSpec:
        self.production_calendar()
        self.business_hours()
        return self

    def production_calendar(self) -> ProductionCalendar:
        return ProductionCalendar(self.extra_working_days, self.extra_days_off)

    def business_hours(self) -> BusinessHours:
        return BusinessHours(self.business_hours_start, self.business_hours_end)


class SecuritySpec(Spec):
    credential_rotation_days: int = Field(default=90, gt=0)
    expiry_reminder_days: int = Field(default=14, gt=0)
    clause: Text


PageTier = Literal["flagship", "active", "card"]


class TierNormSpec(Spec):
    """The norms of one page tier («флагманский / активный / визитка»), per calendar week."""

    min_posts_per_week: int = Field(ge=0)
    max_silent_days: int | None = Field(default=None, gt=0)  # longer without a post: silent
    min_er_percent: float | None = Field(default=None, ge=0)  # ER by followers for the week


class RatingSpec(Spec):
    """ЦУР's weekly rating of pages: points = Σ weight × the page's figure for the week."""

    likes: float = 1.0
    reposts: float = 2.0
    comments: float = 3.0
    posts: float = 5.0
    follower_growth: float = 1.0  # per net new follower
    design: float = 20.0  # avatar, cover and description all in place
    verified: float = 20.0  # the state mark («госметка»): connected to «Госпаблики»


class AnalyticsSpec(Spec):
    tiers: dict[PageTier, TierNormSpec] = Field(min_length=1)
    default_tier: PageTier = "active"  # for accounts without a tier in the registry
    below_norm_duty: PeriodSpec | None = None  # a page below its norm gets a duty (None: flag)
    rating: RatingSpec = RatingSpec()
    clause: Text

    @model_validator(mode="after")
    def _default_tier_has_norms(self) -> AnalyticsSpec:
        if self.default_tier not in self.tiers:
            raise ValueError(f"для типа страницы по умолчанию «{self.default_tier}» нет норм")
        return self

    def norms_for(self, tier: str) -> TierNormSpec:
        return self.tiers.get(tier, self.tiers[self.default_tier])  # type: ignore[call-overload]


class Policy(Spec):
    """A ministry's Порядок as data. Versioned: a change is a new ``version``."""

    key: Slug
    version: int = Field(default=1, gt=0)
    title: Text
    document: Text
    signed_on: date | None
    timezone: str
    ministry: str
    organizations: list[OrganizationSpec] = Field(min_length=1)
    functions: list[FunctionAssignment]
    networks: list[NetworkSpec] = Field(min_length=1)
    content_formats: list[str]
    content_formats_clause: Text
    account_notification: AccountNotificationSpec
    order_publication: OrderPublicationSpec
    approvals: ApprovalSpec | None
    repost_cap: RepostCapSpec | None
    style: StyleSpec
    profile: ProfileSpec | None = None
    moderation: ModerationSpec
    dialogue: DialogueSpec | None = None
    reminders: RemindersSpec = RemindersSpec()
    calendar: CalendarSpec = CalendarSpec()
    security: SecuritySpec
    analytics: AnalyticsSpec | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"неизвестный часовой пояс «{value}»; пример: Asia/Novokuznetsk"
            ) from None
        return value

    @model_validator(mode="after")
    def _references(self) -> Policy:
        check_policy(self)
        self._dialogue_references()
        return self

    def _dialogue_references(self) -> None:
        if self.dialogue is None:
            return
        known = {org.key for org in self.organizations}
        named = [*self.dialogue.answering_orgs, *(t.org for t in self.dialogue.topics if t.org)]
        for key in named:
            if key not in known:
                raise ValueError(f"dialogue: нет организации «{key}» в organizations")

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def org(self, key: str) -> OrganizationSpec:
        for org in self.organizations:
            if org.key == key:
                return org
        raise KeyError(f"в политике «{self.key}» нет организации «{key}»")

    def orgs_for(self, function: Function) -> list[OrganizationSpec]:
        """Organizations assigned ``function``, in order of first mention, no repeats."""
        keys = [k for a in self.functions if a.function == function for k in a.orgs]
        return [self.org(k) for k in dict.fromkeys(keys)]

    def assignments_for(self, function: Function) -> list[FunctionAssignment]:
        return [a for a in self.functions if a.function == function]

    def allows_network(self, network: str) -> bool:
        return any(n.network == network for n in self.networks)

    def network_clause(self, network: str) -> str | None:
        return next((n.clause for n in self.networks if n.network == network), None)

    def due_at(self, start: datetime, period: PeriodSpec) -> datetime:
        """The deadline (aware, UTC) of ``period`` from ``start`` under this policy."""
        return calendar_due_at(
            start,
            period.to_period(),
            calendar=self.calendar.production_calendar(),
            tz=self.tz(),
            business_hours=self.calendar.business_hours(),
            roll_to_working_day=period.roll_to_working_day,
        )
