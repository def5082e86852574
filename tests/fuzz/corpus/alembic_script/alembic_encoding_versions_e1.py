# -*- coding: utf-8 -*-
"""Ajout de la table « équipes » — données

Revision ID: e1_utf8
Revises: 
Create Date: 2024-06-01 08:00:00.000000+02:00

"""
from __future__ import annotations

from alembic import op

revision = 'e1_utf8'
down_revision = None


def upgrade():
	if True:
		op.execute("SELECT 'é'")


def downgrade():
	pass
