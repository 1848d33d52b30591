# conflictmap's dashboard in a container: slim Python, a non-root user, Streamlit's own health check.
#   docker build -t conflictmap .
#   docker run -p 8501:8501 -e CONFLICTMAP_DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DB conflictmap
# Without CONFLICTMAP_DATABASE_URL the data lives in an SQLite file under /data: mount a volume there.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CONFLICTMAP_HOME=/data \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=type

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin conflictmap \
    && mkdir -p /data && chown conflictmap:conflictmap /data
COPY --chown=conflictmap:conflictmap . .

USER conflictmap
VOLUME ["/data"]
EXPOSE 8501

# Streamlit answers "ok" here once the server is up; python is in the image already, curl is not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4).status == 200 else 1)"

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
