#!/bin/bash
# Nightly system backup to a USB disk, done right: every exclude is anchored at the transfer
# root (the source is /, so that is the filesystem root), and the pseudo filesystems and
# scratch directories keep their (empty) directories so a restore boots.
set -euo pipefail

EXCLUDES=(
  --exclude='/dev/*' --exclude='/proc/*' --exclude='/sys/*' --exclude='/run/*'
  --exclude='/tmp/*' --exclude='/var/tmp/*' --exclude='/mnt/*' --exclude='/media/*'
  --exclude=/lost+found --exclude='/home/*/.cache/'
)

rsync -aAXH --numeric-ids --delete "${EXCLUDES[@]}" / /media/backup/system/
