"""

    Indented message after a blank line

    Revision ID: h4_real
    Create Date:   2024-07-07 07:07:07
"""
revision = "h4_real"
down_revision = "h3_real"
