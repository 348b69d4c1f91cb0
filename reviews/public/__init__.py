"""Pages anyone may read without logging in: the published fact-check reports."""
