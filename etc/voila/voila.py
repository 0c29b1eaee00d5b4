# Voilà settings for the workshop server: the front page and the fresh kernel pool.
# `make workshop` and the tests pass --Voila.config_file_paths=<this folder>; see workbook/server.py.
from workbook.server import configure

configure(c)  # noqa: F821 - `c` is the config object Voilà gives its config files
