"""A small server-drawn SVG of views and bookings per day (no script, no inline style, so it
passes the strict CSP; presentation attributes only). Screen readers get a text summary;
the numbers themselves are in the table and the export."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD = 640, 140, 24
VIEWS_COLOUR, BOOKINGS_COLOUR = "#8fa9c9", "#1f4e79"


def daily_chart(days, views, bookings):
    """``days``: dates in order; ``views``/``bookings``: {date: count}."""
    if not days:
        return ""
    total_views = sum(views.get(d, 0) for d in days)
    total_bookings = sum(bookings.get(d, 0) for d in days)
    peak_views = max([views.get(d, 0) for d in days] + [1])
    peak_bookings = max([bookings.get(d, 0) for d in days] + [1])
    slot = (WIDTH - 2 * PAD) / len(days)
    bar = max(slot * 0.4, 1)
    plot = HEIGHT - 2 * PAD
    bars = []
    for n, day in enumerate(days):
        x = PAD + n * slot
        v, b = views.get(day, 0), bookings.get(day, 0)
        vh = plot * v / peak_views
        bh = plot * b / peak_bookings
        bars.append(
            (
                f"{x:.1f}",
                f"{HEIGHT - PAD - vh:.1f}",
                f"{bar:.1f}",
                f"{vh:.1f}",
                VIEWS_COLOUR,
                f"{day:%b %-d}: {v} views",
            )
        )
        bars.append(
            (
                f"{x + bar:.1f}",
                f"{HEIGHT - PAD - bh:.1f}",
                f"{bar:.1f}",
                f"{bh:.1f}",
                BOOKINGS_COLOUR,
                f"{day:%b %-d}: {b} bookings",
            )
        )
    rects = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
        bars,
    )
    summary = (
        f"{total_views} view{'' if total_views == 1 else 's'} and {total_bookings} "
        f"booking{'' if total_bookings == 1 else 's'} from {days[0]:%b %-d} "
        f"to {days[-1]:%b %-d, %Y}"
    )
    return format_html(
        '<figure class="attribution-chart"><svg xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="chart-title">'
        '<title id="chart-title">{summary}</title>'
        '<line x1="{pad}" y1="{base}" x2="{end}" y2="{base}" stroke="#555"/>{rects}'
        '<text x="{pad}" y="14" font-size="12" fill="#333">{first}</text>'
        '<text x="{end}" y="14" font-size="12" fill="#333" text-anchor="end">{last}</text>'
        "</svg><figcaption>{summary}. {legend}</figcaption></figure>",
        w=WIDTH,
        h=HEIGHT,
        pad=PAD,
        base=HEIGHT - PAD,
        end=WIDTH - PAD,
        rects=rects,
        summary=summary,
        first=f"{days[0]:%b %-d}",
        last=f"{days[-1]:%b %-d}",
        legend=mark_safe(  # noqa: S308 - constant markup
            "Light bars: views (scaled to the busiest day); dark bars: bookings (scaled "
            "to the day with most bookings)."
        ),
    )
