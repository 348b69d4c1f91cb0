"""Every non-trivial read, shared by the HTML desk and the API; one module per area, imported
by name (`from reviews.selectors import desk as desk_selectors`)."""
