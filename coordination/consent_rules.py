"""Who may consent, by the youth's age (Norwegian rules, simplified for sharing between services).

- From 18 only the youth consents.
- From 16 the youth consents alone to sharing health information (helserettslig myndighetsalder);
  other information needs the guardians too.
- Under 16 the guardians consent; the youth must be heard, and their view weighs heavily from 12.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from coordination.models import ConsentGiver, InformationCategory

HEALTH_CATEGORIES = frozenset(
    {InformationCategory.HEALTH, InformationCategory.MENTAL_HEALTH, InformationCategory.SUBSTANCE_USE}
)


@dataclass(frozen=True)
class ConsentRule:
    summary: str
    health_givers: frozenset[str]
    other_givers: frozenset[str]
    youth_must_be_heard: bool

    def allowed_givers(self, categories: set[str]) -> frozenset[str]:
        allowed = frozenset(ConsentGiver.values)
        if categories & HEALTH_CATEGORIES:
            allowed &= self.health_givers
        if categories - HEALTH_CATEGORIES:
            allowed &= self.other_givers
        return allowed


ADULT = ConsentRule(
    summary=_("The youth is 18 or older: only the youth can consent."),
    health_givers=frozenset({ConsentGiver.YOUTH}),
    other_givers=frozenset({ConsentGiver.YOUTH}),
    youth_must_be_heard=False,
)
SIXTEEN_TO_EIGHTEEN = ConsentRule(
    summary=_(
        "The youth is 16 or 17: the youth consents alone to sharing health information; "
        "other information needs the guardians' consent together with the youth's."
    ),
    health_givers=frozenset({ConsentGiver.YOUTH, ConsentGiver.BOTH}),
    other_givers=frozenset({ConsentGiver.BOTH}),
    youth_must_be_heard=False,
)
UNDER_SIXTEEN = ConsentRule(
    summary=_(
        "The youth is under 16: the guardians consent. The youth must be heard, and their view "
        "weighs heavily. Write down what the youth said."
    ),
    health_givers=frozenset({ConsentGiver.GUARDIANS, ConsentGiver.BOTH}),
    other_givers=frozenset({ConsentGiver.GUARDIANS, ConsentGiver.BOTH}),
    youth_must_be_heard=True,
)


def consent_rule_for_age(age: int) -> ConsentRule:
    if age >= 18:
        return ADULT
    if age >= 16:
        return SIXTEEN_TO_EIGHTEEN
    return UNDER_SIXTEEN
