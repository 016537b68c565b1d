"""``gospablik calendar ...`` commands: plain, scriptable output, Russian errors.

>>> add_working_days_main(["2024-04-26", "3"])
2024-05-03
0
>>> is_working_day_main(["2024-12-28"])
yes
0
>>> due_main(["2024-04-26T10:00", "3", "working_days"])
2024-05-03T23:59:59+07:00
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gospablik.calendar.deadlines import PERIOD_UNITS, Period, due_at
from gospablik.calendar.workdays import ProductionCalendar

DEFAULT_TZ = "Asia/Novokuznetsk"

# argparse's own messages are English; these are the ones a user can trigger.
_ARGPARSE_MESSAGES = {
    "the following arguments are required": "не хватает аргументов",
    "unrecognized arguments": "лишние аргументы",
    "expected one argument": "у параметра нет значения",
    "invalid choice": "недопустимое значение",
}


class UsageError(Exception):
    """Bad command-line input; the message is in Russian."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, prog: str, description: str) -> None:
        super().__init__(prog=prog, description=description, add_help=False)
        self.add_argument("-h", "--help", action="help", help="показать справку и выйти")

    def error(self, message: str) -> NoReturn:
        for english, russian in _ARGPARSE_MESSAGES.items():
            message = message.replace(english, russian)
        raise UsageError(message)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"неверная дата «{text}», нужен формат ГГГГ-ММ-ДД") from None


def parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"ожидалось целое число, получено «{text}»") from None


def parse_tz(text: str) -> ZoneInfo:
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"неизвестный часовой пояс «{text}»") from None


def parse_moment(text: str, tz: ZoneInfo) -> datetime:
    """An ISO date-time; without an offset it is read as local time in ``tz``."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"неверные дата и время «{text}», нужен формат ГГГГ-ММ-ДДTЧЧ:ММ") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _parser(prog: str, description: str) -> _Parser:
    parser = _Parser(prog=f"gospablik calendar {prog}", description=description)
    parser.add_argument(
        "--extra-working-day",
        action="append",
        default=[],
        metavar="ДАТА",
        help="дополнительный рабочий день (можно повторять)",
    )
    parser.add_argument(
        "--extra-day-off",
        action="append",
        default=[],
        metavar="ДАТА",
        help="дополнительный нерабочий день (можно повторять)",
    )
    return parser


def _calendar(args: argparse.Namespace) -> ProductionCalendar:
    try:
        return ProductionCalendar(
            extra_working_days=[parse_date(d) for d in args.extra_working_day],
            extra_days_off=[parse_date(d) for d in args.extra_day_off],
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _run(parser: _Parser, argv: list[str], body: Callable[[argparse.Namespace], str]) -> int:
    try:
        print(body(parser.parse_args(argv)))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    except UsageError as exc:
        print(f"{parser.prog}: ошибка: {exc}", file=sys.stderr)
        return 2
    return 0


def add_working_days_main(argv: list[str]) -> int:
    """``add-working-days ДАТА N``: print the N-th working day after ДАТА."""
    parser = _parser("add-working-days", "N-й рабочий день после даты (сама дата не считается).")
    parser.add_argument("date", metavar="ДАТА", help="дата в формате ГГГГ-ММ-ДД")
    parser.add_argument("n", metavar="N", help="число рабочих дней (может быть отрицательным)")

    def body(args: argparse.Namespace) -> str:
        n = parse_int(args.n)
        return _calendar(args).add_working_days(parse_date(args.date), n).isoformat()

    return _run(parser, argv, body)


def is_working_day_main(argv: list[str]) -> int:
    """``is-working-day ДАТА``: print ``yes`` or ``no``."""
    parser = _parser("is-working-day", "Рабочий ли день: печатает yes или no.")
    parser.add_argument("date", metavar="ДАТА", help="дата в формате ГГГГ-ММ-ДД")

    def body(args: argparse.Namespace) -> str:
        return "yes" if _calendar(args).is_working_day(parse_date(args.date)) else "no"

    return _run(parser, argv, body)


def due_main(argv: list[str]) -> int:
    """``due НАЧАЛО N ЕДИНИЦА [--tz ПОЯС]``: print the deadline in ISO format."""
    parser = _parser("due", "Срок исполнения: момент начала плюс период.")
    parser.add_argument("start", metavar="НАЧАЛО", help="ГГГГ-ММ-ДДTЧЧ:ММ (без пояса — по --tz)")
    parser.add_argument("amount", metavar="N", help="величина срока")
    parser.add_argument("unit", metavar="ЕДИНИЦА", help=", ".join(PERIOD_UNITS))
    parser.add_argument(
        "--tz", default=DEFAULT_TZ, help=f"часовой пояс (по умолчанию {DEFAULT_TZ})"
    )
    parser.add_argument(
        "--roll-to-working-day",
        action="store_true",
        help="срок в календарных днях, истекающий в выходной, переносится (ст. 193 ГК РФ)",
    )

    def body(args: argparse.Namespace) -> str:
        tz = parse_tz(args.tz)
        if args.unit not in PERIOD_UNITS:
            raise UsageError(
                f"неизвестная единица «{args.unit}»; допустимы: {', '.join(PERIOD_UNITS)}"
            )
        try:
            period = Period(parse_int(args.amount), args.unit)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        deadline = due_at(
            parse_moment(args.start, tz),
            period,
            calendar=_calendar(args),
            tz=tz,
            roll_to_working_day=args.roll_to_working_day,
        )
        return deadline.astimezone(tz).isoformat()

    return _run(parser, argv, body)
