#!/usr/bin/env bash
# Bring the production setup up on this machine and smoke-test it:
# PostgreSQL + Redis + gunicorn (lms.wsgi) + WhiteNoise static files + a django-tasks-db worker.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8765}
DB_NAME=${DB_NAME:-lms_prodcheck}
LOG_DIR=$(mktemp -d)

export DJANGO_SETTINGS_MODULE=lms.settings.production
export SECRET_KEY="prod-check-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB_NAME}"
export REDIS_URL=redis://127.0.0.1:6379/5
export TASKS_BACKEND=database
export SECURE_SSL_REDIRECT=false            # TLS ends at the proxy; this check talks plain HTTP locally
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LMS_REQUIRE_MFA=false
export MEDIA_ROOT="${LOG_DIR}/media"

psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='${DB_NAME}'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres "${DB_NAME}"
$BIN/python manage.py migrate --noinput >"${LOG_DIR}/migrate.log"
$BIN/python manage.py collectstatic --noinput >"${LOG_DIR}/collectstatic.log"
$BIN/python manage.py load_demo_data >"${LOG_DIR}/demo.log"

$BIN/gunicorn lms.wsgi --workers 2 --bind "127.0.0.1:${PORT}" --access-logfile - \
  >"${LOG_DIR}/gunicorn.log" 2>&1 &
GUNICORN=$!
$BIN/python manage.py db_worker >"${LOG_DIR}/worker.log" 2>&1 &
WORKER=$!
trap 'kill $GUNICORN $WORKER 2>/dev/null || true; wait 2>/dev/null || true' EXIT

for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:${PORT}/health/" >/dev/null && break; sleep 0.2; done

fail=0
check() {  # check PATH EXPECTED_STATUS [HEADER]
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "http://127.0.0.1:${PORT}$1")
  if [ "$status" = "$2" ]; then echo "ok   $1 -> $status"; else echo "FAIL $1 -> $status (expected $2)"; fail=1; fi
}
check /health/ 200
check / 200
check /courses/ 200
check /seminars/ 200
check /advisors/ 200
check /study-groups/ 200
check /organizations/ 200
check /accounts/login/ 200
check /programme/ 302
check /no-such-page/ 404
css=$(curl -s -H 'X-Forwarded-Proto: https' "http://127.0.0.1:${PORT}/" | grep -o '/static/css/site\.[0-9a-f]*\.css' | head -1)
if [ -n "$css" ]; then check "$css" 200; else echo "FAIL hashed static CSS not referenced"; fail=1; fi
enc=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "http://127.0.0.1:${PORT}${css}" | grep -i '^content-encoding' || true)
echo "     static compression: ${enc:-none}"
headers=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:${PORT}/")
for h in strict-transport-security content-security-policy x-content-type-options referrer-policy; do
  if echo "$headers" | grep -qi "^$h:"; then echo "ok   header $h"; else echo "FAIL header $h missing"; fail=1; fi
done

# A task goes through the database queue and the worker runs it.
$BIN/python manage.py shell -c "
from lms.tasks import send_email_task
r = send_email_task.using(priority=100).enqueue(subject='prod-check', body='hello', to=['ops@example.org'])
import time
from django_tasks import default_task_backend
for _ in range(300):
    r = default_task_backend.get_result(r.id)
    if r.status.name in ('SUCCESSFUL', 'FAILED'):
        break
    time.sleep(0.2)
print('task', r.status.name)
assert r.status.name == 'SUCCESSFUL', r.status
" && echo "ok   task worker" || { echo "FAIL task worker"; fail=1; }

grep -q "level=" "${LOG_DIR}/worker.log" "${LOG_DIR}/gunicorn.log" 2>/dev/null || true
if [ $fail -ne 0 ]; then echo "prod-check FAILED (logs in ${LOG_DIR})"; exit 1; fi
echo "prod-check passed (logs in ${LOG_DIR})"
