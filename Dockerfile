# Factcheck: one image for web (gunicorn), worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=0 \
    MEDIA_ROOT=/data/media \
    STATIC_ROOT=/app/var/static \
    WEB_CONCURRENCY=3

# WeasyPrint renders PDFs with Pango; the unprivileged user runs every process.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 factcheck

WORKDIR /app
COPY pyproject.toml README.md manage.py ./
COPY factcheck ./factcheck
COPY reviews ./reviews
COPY claimextract ./claimextract
COPY safefetch ./safefetch
COPY templates ./templates
COPY fixtures ./fixtures
RUN pip install .
# Static files are collected into the image (whitenoise serves them); the throwaway key and
# host only satisfy settings, which refuse to load without them when DEBUG is off.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /data/media && chown factcheck /data/media

USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
