"""`itapack links`: every web address in a pack checked at its source, as an OIT reviewer would open it.

Nothing here is imported by `itapack check` unless it is asked for `--links`; httpx and pypdf are
imported only when pages are fetched or read.
"""
