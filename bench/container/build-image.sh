#!/usr/bin/env bash
# Build a real multi-layer Debian image from real .deb packages, with no daemon:
# unpack each .deb with dpkg-deb into a layer directory, tar it, and add it with umoci.
# Usage: build-image.sh OUT_LAYOUT TARGET_MB [LAYERS]
#   TARGET_MB: total size of the .deb files used (they come from /var/cache/apt/archives,
#   taken in name order so every run picks the same ones).
set -euo pipefail
OUT=$1
TARGET_MB=$2
LAYERS=${3:-5}
DEBS=${DEBS:-/var/cache/apt/archives}
WORK=$(mktemp -d -t vigil-bench-build.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CORPUS=/work/shared/corpus/container

mapfile -t all < <(find "$DEBS" -maxdepth 1 -name '*.deb' -size +20k | sort)
picked=()
total=0
limit=$((TARGET_MB * 1024 * 1024))
for deb in "${all[@]}"; do
  (( total >= limit )) && break
  picked+=("$deb")
  total=$((total + $(stat -c %s "$deb")))
done
echo "using ${#picked[@]} .debs, $((total / 1024 / 1024)) MB" >&2

rm -rf "$OUT"
umoci init --layout "$OUT"
umoci new --image "$OUT:bench"
per=$(( (${#picked[@]} + LAYERS - 1) / LAYERS ))
for ((l = 0; l < LAYERS; l++)); do
  dir="$WORK/layer$l"
  mkdir -p "$dir"
  if (( l == 0 )); then
    mkdir -p "$dir/usr/lib" "$dir/etc" "$dir/var/lib/dpkg"
    cp "$CORPUS/os-release/debian-12-minbase-debootstrap/usr/lib/os-release" "$dir/usr/lib/os-release"
    ln -s ../usr/lib/os-release "$dir/etc/os-release"
    cp "$CORPUS/os-release/debian-12-minbase-debootstrap/etc/debian_version" "$dir/etc/debian_version"
    cp "$CORPUS/dpkg/debian12-this-machine/var/lib/dpkg/status" "$dir/var/lib/dpkg/status"
  fi
  for deb in "${picked[@]:$((l * per)):$per}"; do
    dpkg-deb -x "$deb" "$dir"
  done
  tar --numeric-owner --owner=0 --group=0 -C "$dir" -cf "$WORK/layer$l.tar" .
  umoci raw add-layer --image "$OUT:bench" --history.created_by "bench layer $l" "$WORK/layer$l.tar"
  rm -rf "$dir" "$WORK/layer$l.tar"
done
du -sh "$OUT" >&2
