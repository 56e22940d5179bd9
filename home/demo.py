"""Demo content for the home page and a general page."""

from wagtail.models import Page

from home.models import HomePage, StandardPage
from lms.demo import DemoContext

HOME_BODY = [
    ("heading", {"text": "Four ways we support NGOs", "level": "h2"}),
    (
        "paragraph",
        "<p>The programme funds <b>seminars</b> on NGO management, <b>NGO Advisors</b> in regional "
        "offices who answer your questions, <b>NGO Study Groups</b> that research a theme for a year, "
        "and <b>NGO Researchers</b> who spend five months at a host NGO to strengthen it.</p>",
    ),
    (
        "call_to_action",
        {
            "title": "Start with a free course",
            "text": "Self-paced courses on governance, accounting and project management, built for slow connections.",
            "page": None,
            "url": "/courses/",  # linked to the catalogue page once it exists (home.demo_translations)
            "button_label": "Browse courses",
        },
    ),
]


def load(ctx: DemoContext) -> None:
    home = HomePage.objects.filter(depth=2).first()
    home.title = "NGO Capacity Building Support"
    home.intro = (
        "Training, advice, study groups and researcher placements for Japanese NGOs working in "
        "international cooperation. 国際協力NGOの組織力強化を支援します。"
    )
    home.body = HOME_BODY
    home.save_revision().publish()
    ctx.home_page = home
    about = StandardPage.objects.filter(slug="about").first()
    if about is None:
        about = StandardPage(
            title="About the programme",
            slug="about",
            intro="Capacity Building Support for NGOs is run by the Ministry's NGO cooperation division.",
        )
        about.body = [
            (
                "paragraph",
                "<p>The programme has four schemes and tracks each organization's growth "
                "over the fiscal year (April to March).</p>",
            )
        ]
        home.add_child(instance=about)
        about.save_revision().publish()
    ctx.created_urls += [("/", None), (about.url, None), ("/search/?q=NGO", None)]
    assert isinstance(home, Page)
