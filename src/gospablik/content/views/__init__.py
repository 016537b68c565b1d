"""Pages and small JSON endpoints of the content module."""
