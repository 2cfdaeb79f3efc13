#!/usr/bin/env bash
# Builds Quarry as a self-contained Linux app (its own trimmed Java runtime, the jars and the embedding
# models) with jpackage from JDK 17. Nothing is downloaded: everything comes from the Maven build.
#
#   mvn -B -DskipTests package          # makes target/quarry.jar, target/lib/ and models/
#   installer/build-app-image.sh        # -> target/jpackage/Quarry/bin/Quarry
#   installer/build-app-image.sh deb    # -> target/jpackage/quarry_<version>_amd64.deb (needs dpkg-deb, fakeroot)
#
# Settings for Windows (.msi) and macOS (.dmg) are in installer/README.md; they must be built on those systems.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
type="${1:-app-image}"
# jpackage wants a purely numeric version; the pom's -SNAPSHOT suffix is dropped.
version="$(sed -n 's:.*<version>\([0-9.]*\)[^<]*</version>.*:\1:p' "$root/pom.xml" | head -1)"
out="$root/target/jpackage"
input="$out/input"

for need in "$root/target/quarry.jar" "$root/target/lib" "$root/models/bge-small-en-v1.5-q" \
    "$root/models/eng.ocr.json" "$root/models/tessdata/eng.traineddata"; do
  [ -e "$need" ] || { echo "build-app-image: $need is missing; run: mvn -B -DskipTests package" >&2; exit 1; }
done
command -v jpackage >/dev/null || { echo "build-app-image: jpackage (JDK 17) is not on the PATH" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$input"
cp "$root/target/quarry.jar" "$input/"
cp -r "$root/target/lib" "$input/lib"
# The models travel with the app (lib/app/models); ModelManifest is pointed at them below.
mkdir -p "$input/models"
cp "$root"/models/*.model.json "$input/models/"
for m in bge-small-en-v1.5-q all-minilm-l6-v2; do
  [ -d "$root/models/$m" ] && cp -r "$root/models/$m" "$input/models/$m"
done
# The OCR language data and its manifests (docs/adr/0011-ocr.md); Tesseract's natives are in lib/ (bytedeco jars).
cp "$root"/models/*.ocr.json "$input/models/"
cp -r "$root/models/tessdata" "$input/models/tessdata"
ls "$input"/lib/tesseract-*-linux-x86_64.jar "$input"/lib/leptonica-*-linux-x86_64.jar >/dev/null 2>&1 \
  || { echo "build-app-image: the Tesseract natives (bytedeco linux-x86_64 jars) are not in target/lib" >&2; exit 1; }

# The modules the class path needs (found with jdeps over target/lib, plus what reflection loads).
modules=java.base,java.desktop,java.sql,java.naming,java.management,java.logging,java.xml,java.scripting,\
java.transaction.xa,java.rmi,java.prefs,java.compiler,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.localedata,\
jdk.crypto.ec,java.security.jgss,jdk.jfr,jdk.management,java.instrument

common=(
  --name Quarry
  --app-version "$version"
  --vendor "Quarry"
  --description "Offline-first document review for legal and research teams"
  --input "$input"
  --main-jar quarry.jar
  --main-class dev.quarry.Main
  --add-modules "$modules"
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands"
  --java-options "-Dquarry.models=\$APPDIR/models"
  --java-options "-Dfile.encoding=UTF-8"
  --java-options "-Xmx2g"
  --dest "$out"
)

case "$type" in
  app-image)
    jpackage --type app-image "${common[@]}"
    echo "App image: $out/Quarry (start it with $out/Quarry/bin/Quarry)"
    ;;
  deb)
    # JavaFX's native libraries live inside its jars, so jpackage's computed Depends misses GTK.
    jpackage --type deb "${common[@]}" \
      --linux-package-name quarry \
      --linux-package-deps libgtk-3-0 \
      --linux-menu-group Office \
      --linux-app-category office \
      --linux-shortcut
    ls -l "$out"/*.deb
    ;;
  *)
    echo "usage: $0 [app-image|deb]" >&2
    exit 2
    ;;
esac
