from django.conf import settings


def security(request):
    """Whether the second factor is off (the embedded demo), so every page can say so."""
    return {"second_factor_off": not settings.REQUIRE_SECOND_FACTOR}
