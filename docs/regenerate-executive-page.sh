#!/usr/bin/env bash
# Regenerates the README's picture of the executive page: runs the demo on data-samples/ (into out/docs-demo/),
# renders its report's page 2 at 100 dpi to docs/executive-page.png, and the Chinese report's page 2 to
# docs/executive-page-zh.png (needs a CJK font, e.g. fonts-wqy-microhei).
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
out="$home/out/docs-demo"
pdf="$("$home/bin/marketlens" demo --output "$out")"
"$home/bin/marketlens" report --run "$(dirname "$pdf")" --lang zh --out "$out/report-zh.pdf" >/dev/null
cp="$home/jobs/target/marketlens-jobs-0.1.0-SNAPSHOT.jar:$(cat "$home/jobs/target/classpath.txt")"
java -cp "$cp" "$home/docs/PageToPng.java" "$pdf" 2 100 "$home/docs/executive-page.png"
java -cp "$cp" "$home/docs/PageToPng.java" "$out/report-zh.pdf" 2 100 "$home/docs/executive-page-zh.png"
echo "$home/docs/executive-page.png"
echo "$home/docs/executive-page-zh.png"
