"""one line, two statements; a module-level name"""
PARENT: str = "t4_implicit_concat"
revision: str = "t5_semicolons"; down_revision = PARENT
