"""A rating that says the opposite of every source attached to it is flagged."""

from dataclasses import dataclass

import pytest

from reviews.services.contradictions import evidence_contradiction


@dataclass
class R:
    label: str
    value: int | None = None


@pytest.mark.parametrize(
    ("rating", "stances", "flagged"),
    [
        (R("True", 5), ["refutes"], True),
        (R("True", 5), ["refutes", "refutes"], True),
        (R("Mostly true", 4), ["refutes"], True),
        (R("False", 1), ["supports", "supports"], True),
        (R("Pants on fire"), ["supports"], True),
        (R("True", 5), ["refutes", "supports"], False),
        (R("True", 5), ["refutes", "context"], False),
        (R("True", 5), ["supports"], False),
        (R("False", 1), ["refutes"], False),
        (R("Half true", 3), ["refutes"], False),
        (R("Misleading"), ["supports"], False),
        (R("True", 5), [], False),
    ],
)
def test_contradictions_of_the_default_scale(rating, stances, flagged):
    warning = evidence_contradiction(rating, stances)
    assert bool(warning) is flagged
    if flagged:
        assert rating.label in warning


def test_a_scale_of_the_desks_own_labels_is_read_by_its_ends():
    top, bottom, middle = R("Spot on", 3), R("Nonsense", 1), R("Debatable", 2)
    assert "refutes" in evidence_contradiction(top, ["refutes"], bounds=(1, 3))
    assert "supports" in evidence_contradiction(bottom, ["supports"], bounds=(1, 3))
    assert evidence_contradiction(middle, ["refutes"], bounds=(1, 3)) == ""
    # Without the scale's ends such labels mean nothing to the rule.
    assert evidence_contradiction(top, ["refutes"]) == ""
