"""Reader-facing definitions for the ratings of the default scale.

A desk that created its scale before the definitions existed has empty "Meaning" cells in
every report. This fills the empty ones of the default scale, by the built-in ratings'
slugs; a definition a desk has written is left as it is. The texts are copied here, not
imported from reviews.services.ratings, so that the migration stays what it was when
later code changes.
"""

from django.db import migrations

DEFINITIONS = {
    "true": "The claim is accurate, and nothing significant is left out.",
    "mostly-true": "The claim is accurate but needs clarification or additional information.",
    "half-true": (
        "The claim is partly accurate but leaves out important details or takes things out "
        "of context."
    ),
    "mostly-false": (
        "The claim has an element of truth but ignores facts that would give a different "
        "impression."
    ),
    "false": "The claim is not accurate.",
    "misleading": (
        "The facts stated may be accurate, but the claim uses them to give a false impression."
    ),
    "unverifiable": "The evidence available does not establish whether the claim is accurate or not.",
}


def fill_definitions(apps, schema_editor):
    Rating = apps.get_model("reviews", "Rating")
    ratings = Rating.objects.filter(scale__is_default=True, slug__in=DEFINITIONS)
    for rating in ratings:
        if not rating.description.strip():
            rating.description = DEFINITIONS[rating.slug]
            rating.save(update_fields=["description"])


def clear_definitions(apps, schema_editor):
    """Empties only the definitions this migration wrote (those still word for word)."""
    Rating = apps.get_model("reviews", "Rating")
    for slug, text in DEFINITIONS.items():
        Rating.objects.filter(scale__is_default=True, slug=slug, description=text).update(
            description=""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0009_claim_number_speaker_role_correction_note"),
    ]

    operations = [
        migrations.RunPython(fill_definitions, clear_definitions),
    ]
