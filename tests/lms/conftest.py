from tests.lms.demo_site import demo_site  # noqa: F401 - the module-scoped demo data
