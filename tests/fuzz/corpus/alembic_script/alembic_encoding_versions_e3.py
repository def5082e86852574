"""add 🎲 dice table

Create Date: 2024-06-03
"""
revision = "e3_ünïcode"
down_revision = 'e2_latin1'


def upgrade():
	naïve = 1
	return naïve
