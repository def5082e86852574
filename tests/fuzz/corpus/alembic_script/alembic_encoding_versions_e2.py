# -*- coding: latin-1 -*-
"""Über café

Revision ID: e2_latin1
"""
revision = 'e2_latin1'
down_revision = 'e1_utf8'


def upgrade():
	op.execute("SELECT 'ß'")
