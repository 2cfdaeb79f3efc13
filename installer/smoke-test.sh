#!/usr/bin/env bash
# Smoke-tests the built app image, in two steps; exits non-zero if either fails.
# 1. OCR with the image's own launcher, runtime, Tesseract natives (from the bytedeco jars in lib/) and model
#    (lib/app/models/tessdata): creates a temporary matter, imports installer/smoke-scan.tif (a CCITT G4 page
#    image with no text layer, drawn once with ImageMagick), and checks that the document was OCRed
#    (`docs --json`: ocr_attempted, a confidence) and that `text` prints the words on the image.
# 2. Starts the app under a virtual X display, waits for the "Quarry" window and takes a screenshot. Needs: xvfb xauth libgtk-3-0 imagemagick
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
trap 'rm -rf "$home"' EXIT

# 1. OCR a page through the launcher (no display needed).
matter="$home/matter"
mkdir -p "$home/scans"
cp "$root/installer/smoke-scan.tif" "$home/scans/contract-scan.tif"
fail() { echo "smoke-test: $1" >&2; [ -f "$home/cli.log" ] && cat "$home/cli.log" >&2; exit 1; }
QUARRY_HOME="$home" "$app" matter create "$matter" > "$home/cli.log" 2>&1 || fail "matter create failed"
QUARRY_HOME="$home" "$app" import "$matter" "$home/scans" --keyword-only --quiet >> "$home/cli.log" 2>&1 \
  || fail "importing the scan failed"
docs="$(QUARRY_HOME="$home" "$app" docs "$matter" --json 2>> "$home/cli.log")" || fail "docs --json failed"
echo "$docs" | grep -Eq '"ocr_attempted" *: *true' || fail "the scan was not OCRed: $docs"
echo "$docs" | grep -Eq '"ocr_confidence" *: *0?\.[0-9]|"ocr_confidence" *: *1' || fail "the scan has no OCR confidence: $docs"
id="$(echo "$docs" | grep -Eo '"id" *: *[0-9]+' | head -1 | grep -Eo '[0-9]+$')"
[ -n "$id" ] || fail "no document id in: $docs"
text="$(QUARRY_HOME="$home" "$app" text "$matter" "$id" 2>> "$home/cli.log")" || fail "text $id failed"
for want in "Supplier shall deliver the goods" "thirty days" "correct invoice" "laws of Delaware"; do
  echo "$text" | grep -q "$want" || fail "OCR text lacks \"$want\": $text"
done
echo "smoke-test: the scan was imported and OCRed by the app image (document $id):"
echo "$text" | sed 's/^/  | /'

# 2. The window.
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
