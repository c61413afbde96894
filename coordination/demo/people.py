"""Small helpers for fictional people: names, ages, pronouns and synthetic national ids."""

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from itertools import accumulate

from stdnum.no.fodselsnummer import calc_check_digit1, calc_check_digit2

from coordination.models.youths import national_id_is_valid

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "ae", "Ø": "o", "Å": "aa", "ł": "l", "Ł": "l"})


def ascii_slug(text: str) -> str:
    """'Bjørgum' -> 'bjorgum', 'Åse' -> 'aase', 'O'Connor' -> 'oconnor', 'Al-Hassan' -> 'al-hassan'."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "".join(c if c.isascii() and (c.isalnum() or c == "-") else "" for c in text.replace(" ", "-"))


def surname(entry: str | tuple[str, str, str], gender: str, *, married: bool) -> str:
    if isinstance(entry, str):
        return entry
    male, married_female, unmarried_female = entry
    if gender == "m":
        return male
    return married_female if married else unmarried_female


def pronouns(gender: str) -> dict[str, str]:
    if gender == "m":
        return {"han": "han", "Han": "Han", "ham": "ham", "hans": "hans"}
    if gender == "f":
        return {"han": "hun", "Han": "Hun", "ham": "henne", "hans": "hennes"}
    return {"han": "hen", "Han": "Hen", "ham": "hen", "hans": "hens"}


def cumulative(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


def synthetic_national_id(birth: dt.date, female: bool, rng: random.Random, used: set[str]) -> str:
    """A fødselsnummer with valid modulus-11 check digits, in the *synthetic* series (month + 80).

    Synthetic numbers (as issued for test data by the Norwegian population register) cannot belong
    to a real person, which matters in demo data about vulnerable youths. The digits otherwise
    follow the real rules: birth date, individual number by century, even/odd by gender.
    """
    low, high = (500, 999) if birth.year >= 2000 else (0, 499)
    prefix = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}"
    while True:
        individual = rng.randint(low, high)
        if (individual % 2 == 0) != female:
            individual += 1 if individual < high else -1
        base = f"{prefix}{individual:03d}"
        value = base + calc_check_digit1(base)
        value += calc_check_digit2(value)
        if len(value) == 11 and value not in used:  # a check "digit" of 10 means: no such number
            assert national_id_is_valid(value, synthetic=True), value
            used.add(value)
            return value


class FastRandom(random.Random):
    """The same deterministic stream, with the integer helpers built on one random() call each: the
    stock ones loop over getrandbits in Python, a third of the time of a 50 000-youth seed."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]
