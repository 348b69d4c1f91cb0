from django.core.management.base import BaseCommand, CommandError

from reviews import roles
from reviews.errors import ReviewError
from reviews.services.users import roles_ensure, user_create_with_role, user_role_grant


class Command(BaseCommand):
    help = (
        "Create the desk's roles (groups) and optionally give a user one of them; with "
        "--create, make the user first (a one-time password is printed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="an existing user (or a new one)")
        parser.add_argument("role", nargs="?", choices=roles.ROLES)
        parser.add_argument("--create", action="store_true", help="make the user first")
        parser.add_argument("--email", default="", help="the new user's e-mail (notices)")

    def handle(self, *args, username=None, role=None, create=False, email="", **options):
        roles_ensure()
        if username is None:
            self.stdout.write(f"Roles ready: {', '.join(roles.ROLES)}.")
            return
        if role is None:
            raise CommandError("Name the role to grant: reviewer, editor or admin.")
        try:
            if create:
                _, password = user_create_with_role(username=username, role=role, email=email)
            else:
                user_role_grant(username=username, role=role)
        except ReviewError as exc:
            raise CommandError(exc.message) from None
        if create:
            self.stdout.write(
                f"{username} was created with the {role} role. One-time password: {password}"
                " (give it to them; an admin can change it in the admin site)."
            )
            return
        self.stdout.write(f"{username} now has the {role} role.")
