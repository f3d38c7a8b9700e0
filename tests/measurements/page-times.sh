#!/usr/bin/env bash
# Server time of pages as a signed-in user sees their first response: for each path, N sequential GETs after one
# warm-up, and the median and 90th percentile of curl's time to first byte (the server's render, prerender included).
# Usage: tests/measurements/page-times.sh http://127.0.0.1:5000 tz-admin [N] < paths.txt
# Prints one line per path: path, HTTP status, median ms, p90 ms. Not run by the test command.
set -euo pipefail
BASE="$1"; LOGIN="$2"; N="${3:-20}"; PASSWORD="${ENROLLMENT_PASSWORD:-demo2024pass}"
JAR=$(mktemp); trap 'rm -f "$JAR"' EXIT
page=$(curl -s -c "$JAR" -b "$JAR" "$BASE/account/sign-in")
token=$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' <<<"$page" | sed 's/.*value="\([^"]*\)".*/\1/' | head -n 1)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=sign-in" \
  --data-urlencode "Input.Login=$LOGIN" --data-urlencode "Input.Password=$PASSWORD" "$BASE/account/sign-in"
while read -r path; do
  [ -n "$path" ] || continue
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE$path")
  times=()
  for _ in $(seq 1 "$N"); do
    times+=("$(curl -s -o /dev/null -w '%{time_starttransfer}' -b "$JAR" "$BASE$path")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$path" -v s="$status" '{ a[NR] = $1 * 1000 } END {
    printf "%-45s %s  median %6.1f ms  p90 %6.1f ms\n", p, s, a[int((NR + 1) / 2)], a[int(NR * 0.9 + 0.5)] }'
done
