#!/usr/bin/env bash
# Draws the sample monitor (monitor-preview.tsx) in tmux with each output layer, resizes the window (narrower,
# back, shorter, back), opens and closes the help overlay, and after each step prints what a person would check:
# the first line (the header), how many rows carry the cursor and the first row's name (once each), and the last
# line (the footer). Captures go to $OUT (default /tmp/aggwatch-tmux).
#   bash bench/tmux/check-output-layers.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-/tmp/aggwatch-tmux}
mkdir -p "$out"
for layer in changed-cells incremental; do
	session="aggwatch-layers-$layer-$$"
	tmux new-session -d -s "$session" -x 120 -y 40 "NODE_ENV=production node scripts/run-ts.mjs bench/tmux/monitor-preview.tsx $layer 2>$out/$layer.err"
	sleep 6
	step() {
		tmux capture-pane -p -t "$session" >"$out/$layer-$1.txt"
		local file="$out/$layer-$1.txt"
		printf '%-13s %-6s line 1: %-32s cursor rows: %s  "Active Directory 0001": %s  last line: %s\n' "$layer" "$1" \
			"$(head -1 "$file" | cut -c1-32)" "$(grep -c '›' "$file" || true)" "$(grep -c 'Active Directory 0001' "$file" || true)" \
			"$(grep . "$file" | tail -1 | cut -c1-40)"
	}
	step start
	tmux resize-window -t "$session" -x 100 -y 40; sleep 2; step narrow
	tmux resize-window -t "$session" -x 120 -y 40; sleep 2; step wide
	tmux resize-window -t "$session" -x 120 -y 30; sleep 2; step short
	tmux resize-window -t "$session" -x 120 -y 40; sleep 2; step tall
	tmux send-keys -t "$session" '?'; sleep 2; step help
	tmux send-keys -t "$session" Escape; sleep 2; step back
	tmux send-keys -t "$session" q; sleep 1
	tmux kill-session -t "$session" 2>/dev/null || true
done
