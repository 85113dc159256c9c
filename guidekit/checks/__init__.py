"""Checks run by `guidekit check`: each returns True when all is well and prints what is not."""
