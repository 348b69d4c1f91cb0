"""The desk's pages: server-rendered templates with htmx, no JavaScript build step.

One module per page or area (dashboard and lists, ingest, the article review page, the claim
panel and its actions, the approval queue, candidate sources, jobs, the reference library, the
report preview), with the desk's forms in `forms.py` and its object access in `access.py`.
"""
