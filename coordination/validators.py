"""Validators for Norwegian identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if remainder == 11:
        return 0
    if remainder == 10:
        return None  # no valid control digit exists for this prefix
    return remainder


def national_id_is_valid(value: str) -> bool:
    """Checks the two modulus-11 control digits of a fødselsnummer / D-number."""
    if len(value) != 11 or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    k1 = _control_digit(digits[:9], _K1_WEIGHTS)
    k2 = _control_digit(digits[:10], _K2_WEIGHTS)
    return k1 == digits[9] and k2 == digits[10]


def validate_national_id(value: str) -> None:
    if not national_id_is_valid(value):
        raise ValidationError(
            _("Enter a valid national identity number (11 digits with correct check digits)."),
            code="invalid_national_id",
        )
