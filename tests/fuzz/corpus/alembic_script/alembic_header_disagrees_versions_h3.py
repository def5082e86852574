"""Add the thing
that spans two lines

Revision ID: h3
Revises: h2_real
"""
revision = "h3_real"
down_revision = "h2_real"
