#!/usr/bin/env bash
# The README's test command, as CI runs it, while both cores are kept busy: a fresh clone of HEAD in a folder with
# nothing beside it, npm ci, then `npm test` RUNS times (default 5) with CI=true, each run's log kept.
# A test that fails only sometimes is a defect: this is how to find one before CI does.
#   bash scripts/test-under-load.sh [RUNS]
set -u
runs=${1:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/aggwatch-load-XXXXXX)
git clone -q "$here" "$work/aggwatch" || exit 1
cd "$work/aggwatch" || exit 1
echo "$(git log --oneline -1), in $work"
export CI=true
npm ci --no-audit --no-fund > "$work/install.log" 2>&1 || { echo "npm ci failed: $work/install.log"; exit 1; }
node -e 'for(;;){}' & busy1=$!
node -e 'for(;;){}' & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$runs"); do
	start=$(date +%s)
	npm test > "$work/run$i.log" 2>&1
	code=$?
	[ $code -eq 0 ] || failed=1
	summary=$(grep -E 'Tests ' "$work/run$i.log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g')
	echo "run $i: exit $code in $(($(date +%s) - start)) s;${summary:+ $summary} ($work/run$i.log)"
done
exit $failed
