#!/usr/bin/env bash
# Starts the built app image under a virtual X display, waits for the "Quarry" window and takes a
# screenshot. Exits non-zero if the window never appears. Needs: xvfb xauth libgtk-3-0 imagemagick
# (apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0 imagemagick).
#
#   installer/smoke-test.sh [screenshot.png]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
app="$root/target/jpackage/Quarry/bin/Quarry"
shot="${1:-$root/target/jpackage/smoke.png}"
[ -x "$app" ] || { echo "smoke-test: $app is missing; run installer/build-app-image.sh first" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1440x900x24" "$0" "$@"
fi
home="$(mktemp -d)"
QUARRY_HOME="$home" "$app" > "$home/stdout.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$home"' EXIT
for _ in $(seq 1 180); do
  if xwininfo -root -tree | grep -q '"Quarry"'; then
    # The window is mapped before it is painted: wait until the screen is no longer black.
    import -window root "$shot"
    if [ "$(convert "$shot" -format '%[fx:mean>0.05]' info:)" = 1 ]; then
      sleep 2
      import -window root "$shot"
      echo "smoke-test: the Quarry window appeared and drew itself; screenshot in $shot"
      exit 0
    fi
  fi
  kill -0 $pid 2>/dev/null || { echo "smoke-test: Quarry exited early:" >&2; cat "$home/stdout.log" >&2; exit 1; }
  sleep 1
done
echo "smoke-test: no painted Quarry window within 180 s" >&2
exit 1
