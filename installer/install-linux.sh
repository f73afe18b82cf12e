#!/bin/sh
# Installs the Linux bundle (this folder: dist/tamin-desk/) on a branch PC. No Python needed.
#
#   sudo ./install-linux.sh          for every user: /opt/tamin-desk, /usr/local/bin/tamin-desk,
#                                    menu entry and icon under /usr/local/share
#   ./install-linux.sh --user        for the current user only, under ~/.local
#
# Run it again to update: the program folder is replaced; per-user data (the simulator
# database, the offline queue, settings.toml) lives in each user's own folders and is kept.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--user" ]; then
  program="$HOME/.local/lib/tamin-desk"; bin="$HOME/.local/bin"; share="$HOME/.local/share"
elif [ $# -eq 0 ]; then
  program=/opt/tamin-desk; bin=/usr/local/bin; share=/usr/local/share
else
  echo "usage: $0 [--user]" >&2; exit 2
fi
for needed in tamin-desk _internal/resources/icons/tamin-desk.svg tamin-desk.desktop; do
  [ -e "$here/$needed" ] || { echo "install-linux: $here/$needed is missing" >&2; exit 1; }
done

# Copy to a temporary name, then swap: a failed copy leaves the old version working.
mkdir -p "$(dirname "$program")" "$bin" "$share/applications" "$share/icons/hicolor/scalable/apps"
rm -rf "$program.new"
cp -a "$here" "$program.new"
rm -rf "$program"
mv "$program.new" "$program"
ln -sf "$program/tamin-desk" "$bin/tamin-desk"
install -m 644 "$program/_internal/resources/icons/tamin-desk.svg" \
  "$share/icons/hicolor/scalable/apps/tamin-desk.svg"
# Absolute Exec/TryExec: the menu entry works even when $bin is not on the desktop's PATH.
sed -e "s|^Exec=.*|Exec=$program/tamin-desk|" -e "s|^TryExec=.*|TryExec=$program/tamin-desk|" \
  "$program/tamin-desk.desktop" > "$share/applications/tamin-desk.desktop"
chmod 644 "$share/applications/tamin-desk.desktop"
# Refresh the menu and icon caches where the desktop has them (optional).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Tamin Desk $("$program/tamin-desk" --version | cut -d' ' -f2) installed in $program"
