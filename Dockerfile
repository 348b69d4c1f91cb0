# Factcheck: one image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DEBUG=0

# WeasyPrint renders PDFs with Pango.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 factcheck

WORKDIR /app
COPY pyproject.toml README.md ./
COPY factcheck ./factcheck
COPY reviews ./reviews
COPY fixtures ./fixtures
COPY manage.py ./
RUN pip install . \
    && SECRET_KEY=build ALLOWED_HOSTS=build python manage.py collectstatic --noinput \
    && mkdir -p /data/media && chown -R factcheck /data

USER factcheck
ENV MEDIA_ROOT=/data/media STATIC_ROOT=/app/var/static
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
