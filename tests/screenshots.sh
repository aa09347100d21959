#!/usr/bin/env bash
# The project's screenshot step: runs the real app under Xvfb on fresh
# databases and saves what a person sees into data/screenshots/, for the
# README and the AppStream metainfo.
# usage: tests/screenshots.sh [BUILDDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=data/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v xdotool >/dev/null && command -v import >/dev/null || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get install -y -qq xdotool imagemagick >/dev/null
}
ninja -C "$build" >/dev/null
mkdir -p "$out"

export GSETTINGS_SCHEMA_DIR="$PWD/$build/data" GSETTINGS_BACKEND=memory
export GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none

# shoot NAME KEYS DB [ARGS...]: start the app on DB, press KEYS, save NAME.png
# (with SIZE=WxH in the environment, in a window of that size)
shoot () {
  local name=$1 keys=$2 db=$3 screen=1400x900
  shift 3
  if [ -n "${SIZE:-}" ]; then
    # the window's size is a setting: a keyfile of settings holds it
    mkdir -p "$work/config-$name/glib-2.0/settings"
    printf '[io/github/downline/Downline]\nwindow-width=%s\nwindow-height=%s\n' \
      "${SIZE%x*}" "${SIZE#*x}" >"$work/config-$name/glib-2.0/settings/keyfile"
    [ "${SIZE%x*}" -gt 1300 ] && screen=$(( ${SIZE%x*} + 100 ))x$(( ${SIZE#*x} + 100 ))
  fi
  ( if [ -n "${SIZE:-}" ]; then
      export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config-$name"
    fi
  xvfb-run -a -s "-screen 0 ${screen}x24 -nolisten tcp" \
    dbus-run-session --config-file=tests/session-noactivation.conf -- bash -c '
      # a notification server, as on a desktop, so Today shows no fallback banner
      /usr/bin/python3 -m dbusmock --template notification_daemon >/dev/null 2>&1 & mock=$!
      sleep 1
      "$0" --db "$1" & app=$!
      for i in $(seq 50); do
        win=$(xdotool search --sync --onlyvisible --class downline 2>/dev/null | head -n 1) && [ -n "$win" ] && break
        sleep 0.2
      done
      sleep 1.5
      xdotool windowfocus --sync "$win" 2>/dev/null || true
      for k in $2; do xdotool key "$k"; sleep 0.6; done
      sleep 0.8
      # the newest visible window: a dialog the keys opened, or the main one
      top=$(xdotool search --onlyvisible --class downline 2>/dev/null | tail -n 1)
      import -window "${top:-$win}" "$3"
      kill $app $mock; wait $app 2>/dev/null || true
    ' "$build/downline" "$db" "$keys" "$out/$name.png" )
  echo "wrote $out/$name.png"
}

"$build/downline" --db "$work/sample.db" --sample-data=5000 --seed=3 >/dev/null

shoot first-run "" "$work/empty.db"
shoot today "" "$work/sample.db"
shoot pipeline "alt+2" "$work/sample.db"
shoot downline "alt+3" "$work/sample.db"
shoot letters "alt+4" "$work/sample.db"
# any window size, from a phone's to a large screen's
SIZE=360x720 shoot today-360 "" "$work/sample.db"
SIZE=360x720 shoot pipeline-360 "alt+2" "$work/sample.db"
SIZE=360x720 shoot downline-360 "alt+3" "$work/sample.db"
SIZE=360x720 shoot letters-360 "alt+4" "$work/sample.db"
SIZE=800x700 shoot pipeline-800 "alt+2" "$work/sample.db"
SIZE=1600x1000 shoot downline-1600 "alt+3" "$work/sample.db"
# zoomed in: each box with its badges (rank, PV, ↻ for autoship)
shoot downline-badges "alt+3 Tab plus plus plus" "$work/sample.db"
# The import assistant's report step (transfer.png) and its column
# mapping (transfer-mapping.png), drawn by its own test: a file chooser
# cannot be driven from the keyboard under Xvfb.
xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" \
  dbus-run-session --config-file=tests/session-noactivation.conf -- \
  env DL_SCREENSHOT_DIR="$PWD/$out" GSK_RENDERER=cairo \
  "$build/tests/transfer/test-import-assistant" -p /import-assistant/rejected-rows >/dev/null
echo "wrote $out/transfer.png"
# Preferences ▸ Dropout Risk on a sample business (risk.png), by its test
xvfb-run -a -s "-screen 0 1400x1000x24 -nolisten tcp" \
  dbus-run-session --config-file=tests/session-noactivation.conf -- \
  env DL_SCREENSHOT_DIR="$PWD/$out" GSK_RENDERER=cairo \
  "$build/tests/downline/test-risk-preferences" -p /risk-preferences/learned >/dev/null
echo "wrote $out/risk.png"
# Insights on a sample business (insights.png), by its test
xvfb-run -a -s "-screen 0 1400x1600x24 -nolisten tcp" \
  dbus-run-session --config-file=tests/session-noactivation.conf -- \
  env DL_SCREENSHOT_DIR="$PWD/$out" GSK_RENDERER=cairo \
  "$build/tests/insights/test-insights-view" -p /insights-view/sample >/dev/null
echo "wrote $out/insights.png"
# The placement tree (downline-placement.png) and the tree coloured by
# the latest month's volume (downline-volume.png), by their tests: a
# drop-down's list is not reliably driven by keys under Xvfb
xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" \
  dbus-run-session --config-file=tests/session-noactivation.conf -- \
  env DL_SCREENSHOT_DIR="$PWD/$out" GSK_RENDERER=cairo GSETTINGS_SCHEMA_DIR="$PWD/$build/data" \
  "$build/tests/downline/test-downline-view" -p /downline-view/placement-tree \
  -p /downline-view/colour-by-figures >/dev/null
echo "wrote $out/downline-placement.png $out/downline-volume.png"
shoot preferences "ctrl+comma" "$work/sample.db"
