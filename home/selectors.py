"""What the home page shows as upcoming, gathered from the schemes' selectors.

``home`` sits on top of the schemes, so it may read them; each scheme offers a
``home_highlights(request)`` in its selectors once it exists.
"""

from importlib import import_module

SCHEMES = ["progress", "courses", "advisors", "studygroups", "placements"]


def home_highlights(request) -> list[dict]:
    sections = []
    for app in SCHEMES:
        try:
            selectors = import_module(f"{app}.selectors")
        except ModuleNotFoundError:
            continue
        provider = getattr(selectors, "home_highlights", None)
        if provider is not None:
            sections.extend(provider(request))
    return sections
