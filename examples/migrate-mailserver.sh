#!/bin/sh
# Move the old mail server onto the new VM: its disk is mounted read-only at /mnt/oldvm,
# the new VM's root filesystem at /mnt/newvm. The author meant "skip the VM's /tmp and the
# pseudo filesystems", but wrote the names without a leading slash.
set -eu
OLD=/mnt/oldvm
NEW=/mnt/newvm

cd "$OLD"
rsync -aHAX --numeric-ids --delete \
  --exclude=tmp --exclude=proc --exclude=sys --exclude=dev --exclude=run \
  --exclude-from=migrate-excludes.txt \
  ./ "$NEW"/

# Copy the mail spool of one user again, separately, with the system path spelled out.
rsync -a --exclude=/home/alice/Maildir/.Trash/ /mnt/oldvm/home/alice/ "$NEW"/home/alice/
