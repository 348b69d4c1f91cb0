from django.core.management.base import BaseCommand, CommandError

from reviews import roles
from reviews.errors import ReviewError
from reviews.services.users import roles_ensure, user_role_grant


class Command(BaseCommand):
    help = "Create the desk's roles (groups) and optionally give a user one of them."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="an existing user")
        parser.add_argument("role", nargs="?", choices=roles.ROLES)

    def handle(self, *args, username=None, role=None, **options):
        roles_ensure()
        if username is None:
            self.stdout.write(f"Roles ready: {', '.join(roles.ROLES)}.")
            return
        if role is None:
            raise CommandError("Name the role to grant: reviewer, editor or admin.")
        try:
            user_role_grant(username=username, role=role)
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"{username} now has the {role} role.")
