"""never closed

revision = 'ut1'
down_revision = None
