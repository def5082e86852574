"""legacy file: the id comes from the hex file name"""
down_revision = "h4_real"
