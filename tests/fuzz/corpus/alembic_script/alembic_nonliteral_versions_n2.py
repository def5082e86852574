"""expand: add column

Revision ID: n2_expand
"""
from alembic import op
from myapp import cli
from myapp.models import *  # noqa: F403


class Helper:
    revision = "not_this_one"


if TYPE_CHECKING:
    revision = "nor_this"

revision = "n2_expand"
down_revision = "n1_base"
branch_labels = (cli.EXPAND_BRANCH,)
depends_on = (cli.CONTRACT_HEAD, "n1_base")


def upgrade(op, tables, tester):
    revision = "inner"
    if not tester.ready():
        return
