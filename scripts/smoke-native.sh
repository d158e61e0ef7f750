#!/usr/bin/env bash
# Smoke-tests a published Tessera binary end to end: version, migrate, serve (config file and --dev), admin API.
# Usage: scripts/smoke-native.sh PATH/TO/tessera [POSTGRES_DSN]
# Some failures show only in the NativeAOT binary (trimming, reflection), so CI runs this against it.
set -euo pipefail
bin=$(realpath "$1")
pg_dsn=${2:-}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "SMOKE FAIL: $*" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_ready() { # url
  for _ in $(seq 1 100); do
    if curl -fsS "$1/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  fail "$1 never became ready"
}

check_admin() { # admin-url label
  local admin=$1 label=$2 body id email
  email="smoke-$RANDOM-$label@example.com"
  body=$(curl -fsS -X POST "$admin/admin/identities" -H 'Content-Type: application/json' \
    -d "{\"traits\":{\"email\":\"$email\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"\$argon2i\$v=19\$m=65536,t=3,p=4\$STVE4CQ9qQ1dK/j224VMbA\$o8b+k5wdHgBqf7ES+aWG2K7Y9diQ6ahEhbW8zcstXGo\"}}}}") \
    || fail "$label: create identity"
  id=$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -fsS "$admin/admin/identities/$id?include_credential=password" | grep -q 'argon2i' || fail "$label: get identity"
  curl -fsS "$admin/admin/identities?credentials_identifier=$email" | grep -q "$id" || fail "$label: list identities"
  curl -fsS -X PATCH "$admin/admin/identities/$id" -H 'Content-Type: application/json' \
    -d '[{"op":"add","path":"/metadata_public","value":{"smoke":true}}]' | grep -q '"smoke":true' || fail "$label: patch identity"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$admin/admin/identities" -H 'Content-Type: application/json' -d "{\"traits\":{\"email\":\"$email\"}}")" = 409 ] \
    || fail "$label: duplicate must be 409"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$admin/admin/identities" -H 'Content-Type: application/json' -d '{"traits":')" = 400 ] \
    || fail "$label: malformed JSON must be 400"
  # Phone identifiers are normalised to E.164 with libphonenumber's metadata (its geocoding data is left out of the binary);
  # the dev server's default schema has no phone trait.
  [ "$label" = dev ] && { echo "smoke: $label admin API ok"; return; }
  body=$(curl -fsS -X POST "$admin/admin/identities" -H 'Content-Type: application/json' \
    -d "{\"traits\":{\"email\":\"p-$email\",\"phone\":\"+44 20 7946 $((RANDOM % 9000 + 1000))\"}}") || fail "$label: create identity with a phone"
  phone=$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["traits"]["phone"])')
  e164=+$(printf '%s' "$phone" | tr -dc 0-9)
  curl -fsS "$admin/admin/identities?credentials_identifier=$(printf '%s' "$e164" | sed 's/+/%2B/')" | grep -q "p-$email" || fail "$label: find by phone $e164"
  echo "smoke: $label admin API ok"
}

check_flows() { # public-url label
  local public=$1 label=$2 flow body token email
  email="flow-$RANDOM-$label@example.com"
  flow=$(curl -fsS "$public/self-service/registration/api" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || fail "$label: registration flow"
  body=$(curl -sS -X POST "$public/self-service/registration?flow=$flow" -H 'Content-Type: application/json' \
    -d "{\"method\":\"password\",\"password\":\"correct horse battery staple 42\",\"traits\":{\"email\":\"$email\"}}")
  printf '%s' "$body" | grep -q "\"email\":\"$email\"" || fail "$label: register: $body"
  flow=$(curl -fsS "$public/self-service/login/api" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || fail "$label: login flow"
  token=$(curl -sS -X POST "$public/self-service/login?flow=$flow" -H 'Content-Type: application/json' \
    -d "{\"method\":\"password\",\"identifier\":\"$email\",\"password\":\"correct horse battery staple 42\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["session_token"])') || fail "$label: login"
  curl -fsS "$public/sessions/whoami" -H "X-Session-Token: $token" | grep -q "$email" || fail "$label: whoami"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$public/self-service/logout/api" -H 'Content-Type: application/json' -d "{\"session_token\":\"$token\"}")" = 204 ] \
    || fail "$label: logout"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$public/sessions/whoami" -H "X-Session-Token: $token")" = 401 ] || fail "$label: whoami after logout"
  echo "smoke: $label register, login, whoami, logout ok"
}

"$bin" version | grep -q Version || fail "version"
echo "smoke: version ok"

serve_with() { # dsn label [hasher]
  local dsn=$1 label=$2 hasher=${3:-bcrypt} pp ap
  pp=$(free_port); ap=$(free_port)
  cat > "$work/$label.yml" <<YML
dsn: $dsn
serve:
  public: { port: $pp, base_url: "http://127.0.0.1:$pp/" }
  admin: { port: $ap, base_url: "http://127.0.0.1:$ap/" }
identity:
  default_schema_id: default
  schemas:
    - id: default
      url: file://$work/identity.schema.json
hashers:
  algorithm: $hasher
  argon2: { memory: 16MB }
selfservice:
  default_browser_return_url: http://127.0.0.1:4455/
  methods:
    password:
      config: { haveibeenpwned_enabled: false }
YML
  DSN="$dsn" "$bin" migrate sql -e --yes > "$work/$label-migrate.log" 2>&1 || fail "$label: migrate sql -e --yes"
  "$bin" serve -c "$work/$label.yml" > "$work/$label-serve.log" 2>&1 &
  pids+=($!)
  wait_ready "http://127.0.0.1:$pp"
  curl -fsS "http://127.0.0.1:$ap/admin/health/ready" >/dev/null || fail "$label: admin readiness"
  check_admin "http://127.0.0.1:$ap" "$label"
  check_flows "http://127.0.0.1:$pp" "$label"
  if [ "$hasher" = argon2 ]; then
    # Argon2id hashes run in worker processes started from this same binary.
    pgrep -P "${pids[-1]}" -f "hash-worker" >/dev/null || fail "$label: no argon2 hash worker process"
    echo "smoke: $label argon2id in hash workers ok"
  fi
}

cat > "$work/identity.schema.json" <<'JSON'
{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"traits":{"type":"object",
 "properties":{"email":{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"password":{"identifier":true}},
 "verification":{"via":"email"},"recovery":{"via":"email"}}},
 "phone":{"type":"string","format":"tel","ory.sh/kratos":{"credentials":{"password":{"identifier":true}}}}},
 "required":["email"],"additionalProperties":false}}}
JSON
serve_with "sqlite://$work/smoke.db?_fk=true" sqlite argon2
if [ -n "$pg_dsn" ]; then serve_with "$pg_dsn" postgres; fi

# serve --dev with no config: SQLite in the working folder, migrations applied, both listeners up.
mkdir "$work/dev"
pp=$(free_port); ap=$(free_port)
(cd "$work/dev" && SERVE_PUBLIC_PORT=$pp SERVE_ADMIN_PORT=$ap exec "$bin" serve --dev > "$work/dev-serve.log" 2>&1) &
pids+=($!)
wait_ready "http://127.0.0.1:$pp"
check_admin "http://127.0.0.1:$ap" dev
check_flows "http://127.0.0.1:$pp" dev
[ -f "$work/dev/tessera.db" ] || fail "dev: no tessera.db in the working folder"
echo "smoke: all checks passed"
