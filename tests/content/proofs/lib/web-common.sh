# Shared helpers for the web-javascript and web-security proofs.
# Source it from a proof's `run`:  . "$(dirname "$0")/../lib/web-common.sh"
# It creates a temp folder $T (removed on exit), and provides:
#   web_need CMD...          exit 77 (skip) unless every command exists (node: 20+)
#   web_code ID FILE         write exercise ID's `code` to $T/FILE
#   claim ID TEXT CMD...     run CMD; print "ok ID: TEXT" or "FAIL ID: TEXT"
#   web_done                 exit 1 if any claim failed, else 0
set -eu
WEB_ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
WEB_FAILED=0

web_need() {
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || { echo "skip: $c not installed"; exit 77; }
    # The exercises state Node 20 behaviour (Debian 12's own nodejs is 18).
    if [ "$c" = node ] && [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
      echo "skip: needs Node 20 or later, found $(node -v)"; exit 77
    fi
  done
}

web_code() {
  python3 - "$WEB_ROOT/exercises" "$1" "$T/$2" <<'PY'
import glob, sys, yaml
root, ident, out = sys.argv[1:]
for path in glob.glob(root + "/*/*.md"):
    text = open(path, encoding="utf-8").read()
    front = text.split("\n---\n", 1)[0][4:]
    data = yaml.safe_load(front)
    if data.get("id") == ident:
        open(out, "w", encoding="utf-8").write(data["code"])
        break
else:
    sys.exit("no exercise with id " + ident)
PY
}

claim() {
  local id=$1 text=$2; shift 2
  if "$@" >"$T/.claim.out" 2>&1; then
    echo "ok $id: $text"
  else
    echo "FAIL $id: $text"; sed 's/^/    /' "$T/.claim.out" | head -20
    WEB_FAILED=1
  fi
}

web_done() { exit "$WEB_FAILED"; }
