"""implicit concatenation and a list

Revision ID: t4
"""
from typing import Sequence, Union

revision: str = ("t4_"
                 "implicit_concat")
down_revision: Union[str, Sequence[str], None] = ['t3_merge']
depends_on: Sequence[str] = ("t2a_left",)


def upgrade():
    pass
