from django.urls import register_converter


class IdConverter:
    """Positive database ids only: at most 18 digits, so a hostile URL can never overflow a bigint
    column and turn a 404 into a 500."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


# Registered on import, so every URLconf that imports this module can use <id:…>.
register_converter(IdConverter, "id")
