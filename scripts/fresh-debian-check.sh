#!/usr/bin/env bash
# The README's two commands on a throwaway minimal Debian 12 (bookworm) root.
#
# Makes a minimal bookworm root with debootstrap in a temporary directory, puts a `git clone`
# of this repository in it (the committed state of HEAD: uncommitted changes are not copied),
# and runs inside it, with chroot, what the README tells a user to run on a fresh machine:
#   bash scripts/demo.sh "Hello from openrouter-cpp!"
#   bash scripts/test.sh
# Both install what is missing with apt-get first, so the root starts with nothing but the
# minimal base system and ca-certificates (the clone is made outside the root, with the host's git).
#
# Needs: root (debootstrap, mount, chroot) and network access to a Debian mirror (debootstrap
# downloads the base system; apt-get inside the root downloads the build dependencies; the
# conformance step may try the npm registry and reports SKIPPED when it cannot reach it).
# Installs debootstrap with apt-get when it is missing.
#
#   sudo bash scripts/fresh-debian-check.sh
#   MIRROR=http://deb.debian.org/debian  Debian mirror (default shown)
#   KEEP=1                               keep the root (path printed) instead of deleting it
#   ONLY=test                            run only scripts/test.sh (ONLY=demo: only the demo)
#
# Exit status: that of the first command that fails, 0 when both pass.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mirror=${MIRROR:-http://deb.debian.org/debian}
only=${ONLY:-}

if [[ $(id -u) -ne 0 ]]; then
  echo "fresh-debian-check: must run as root (debootstrap, mount and chroot need it)" >&2
  exit 2
fi
if ! command -v debootstrap >/dev/null; then
  echo "fresh-debian-check: installing debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
command -v git >/dev/null || { echo "fresh-debian-check: git is needed to clone the repository" >&2; exit 2; }

work=$(mktemp -d /tmp/openrouter-fresh-debian.XXXXXX)
target="$work/root"
mounted=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # Unmount in reverse order; lazily, so that a process left behind cannot block it.
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[i]}" 2>/dev/null || true
  done
  if [[ "${KEEP:-0}" == 1 ]]; then
    echo "fresh-debian-check: root kept at $target"
  else
    # Never delete through a mount that is still there.
    if ! grep -q " $target/" /proc/mounts; then
      rm -rf "$work"
    else
      echo "fresh-debian-check: $target still has mounts; not deleted" >&2
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT INT TERM

echo "== debootstrap bookworm (minbase) into $target from $mirror"
debootstrap --variant=minbase --include=ca-certificates bookworm "$target" "$mirror"

echo "== clone of $root_dir (HEAD $(git -C "$root_dir" rev-parse --short HEAD))"
git clone --quiet --no-hardlinks "$root_dir" "$target/src/openrouter-cpp"

# Name resolution and a sane apt source list inside the root.
cp /etc/resolv.conf "$target/etc/resolv.conf"
echo "deb $mirror bookworm main" > "$target/etc/apt/sources.list"

# Each mount is recorded as soon as it exists, so that the trap undoes exactly what was done.
mount -t proc proc "$target/proc"
mounted+=("$target/proc")
for fs in sys dev; do
  mount --rbind "/$fs" "$target/$fs"
  mounted+=("$target/$fs")
  mount --make-rslave "$target/$fs"  # unmounting inside never propagates to the host
done

in_root() {
  chroot "$target" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM="${TERM:-dumb}" /bin/bash -c "cd /src/openrouter-cpp && $1"
}

if [[ -z $only || $only == demo ]]; then
  echo "== README command 1: bash scripts/demo.sh"
  in_root 'bash scripts/demo.sh "Hello from openrouter-cpp!"'
fi
if [[ -z $only || $only == test ]]; then
  echo "== README command 2: bash scripts/test.sh"
  in_root 'bash scripts/test.sh'
fi
echo "fresh-debian-check: the README's commands passed on a fresh bookworm root"
