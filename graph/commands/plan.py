"""`python -m graph plan [--region R ...] [--weeks N] [--per-week N] [--from DATE]
[--format table|csv|ics|md] [--weight NAME=VALUE ...] [--store URI] [--output FILE]`:
the knowledge ambassador's contact-round plan, known appointments first, then the
municipalities most in need of a visit, grouped per region, each with its reasons."""
from __future__ import annotations

import csv
import datetime as dt
import io
import sys

from graph.stores.open import DEFAULT_STORE

HELP = "contact-round plan for the knowledge ambassador"
PROG = "python -m graph plan"


def configure(parser) -> None:
    parser.add_argument("--region", action="append", default=[], metavar="REGION",
                        help="plan only this region or subregion (repeat for several; default: all)")
    parser.add_argument("--weeks", type=int, default=4, help="horizon in weeks (default 4)")
    parser.add_argument("--per-week", type=int, default=3, help="at most this many visits a week (default 3)")
    parser.add_argument("--from", dest="start", default=None, metavar="DATE",
                        help="first day of the plan, YYYY-MM-DD (default: today)")
    parser.add_argument("--format", choices=("table", "csv", "ics", "md"), default="table")
    parser.add_argument("--proposals", action="store_true",
                        help="with --format ics: add the proposed visits as tentative week-long events")
    parser.add_argument("--weight", action="append", default=[], metavar="NAME=VALUE",
                        help="change one priority weight, e.g. --weight engagement_low=5 "
                             "(--weights lists them)")
    parser.add_argument("--weights", action="store_true", help="list the weights and their values, then stop")
    parser.add_argument("--ambassador", default="Kennisambassadeur",
                        help="whose appointments and introductions (default: Kennisambassadeur)")
    parser.add_argument("--store", default=None, help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")
    parser.add_argument("--output", "-o", default=None, metavar="FILE", help="write to FILE instead of stdout")


def _table(plan) -> str:
    from graph.contact_rounds import show_date

    rows = [("#", "week", "date", "region", "municipality", "whom", "score", "reasons")]
    for i, v in enumerate(plan.visits, 1):
        rows.append((str(i), f"{v.week} ({show_date(v.week_start.isoformat())})", show_date(v.date) or "-",
                     v.region or "-", v.name, v.whom, f"{v.score:g}",
                     ("appointment known; " if v.status == "appointment" else "") + v.reason_text))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:-1], widths)) + "  " + r[-1] for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 7)
    if not plan.visits:
        lines.append("(nothing to plan)")
    lines += [f"note: {n}" for n in plan.notes]
    if plan.not_planned:
        lines.append(f"not planned for lack of room: {', '.join(p.name for p in plan.not_planned)}")
    return "\n".join(lines) + "\n"


def run(args) -> int:
    from dataclasses import fields

    from graph.contact_rounds import Weights, as_date, find_node
    from graph.plan import PLAN_COLUMNS, make_plan, plan_markdown, plan_rows

    try:
        weights = Weights.from_pairs(args.weight)
    except ValueError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if args.weights:
        for f in fields(Weights):
            print(f"{f.name} = {getattr(weights, f.name):g}")
        return 0
    start = as_date(args.start) if args.start else dt.date.today()
    if start is None or (args.start and len(args.start) != 10):
        print(f"{PROG}: --from {args.start!r} is not a date (write YYYY-MM-DD)", file=sys.stderr)
        return 2
    if args.weeks < 1 or args.per_week < 1:
        print(f"{PROG}: --weeks and --per-week must be at least 1", file=sys.stderr)
        return 2

    from graph.stores.base import StoreError
    from graph.stores.open import open_store

    setting = args.store or None  # None: open_store reads GRAPH_STORE, else the default
    try:
        with open_store(setting) as store:
            g = store.read_graph()
    except StoreError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    try:
        ambassador = find_node(g, args.ambassador, labels=("Person",))
    except ValueError:
        if args.ambassador != "Kennisambassadeur":
            print(f"{PROG}: no person {args.ambassador!r} in the graph", file=sys.stderr)
            return 2
        ambassador = "person:kennisambassadeur"  # not loaded yet: a plan without known appointments
    try:
        plan = make_plan(g, start, regions=args.region, weeks=args.weeks, per_week=args.per_week,
                         weights=weights, ambassador=ambassador)
    except ValueError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2

    if args.format == "ics":
        from graph.ics import plan_ics

        stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        data = plan_ics(plan, stamp=stamp, proposals=args.proposals)
    elif args.format == "csv":
        buf = io.StringIO()
        rows = plan_rows(plan)
        w = csv.DictWriter(buf, fieldnames=PLAN_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        data = buf.getvalue().encode("utf-8")
    elif args.format == "md":
        data = plan_markdown(plan).encode("utf-8")
    else:
        data = _table(plan).encode("utf-8")
    if args.output:
        with open(args.output, "wb") as f:
            f.write(data)
        print(f"wrote {args.output} ({len(plan.visits)} visits)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
