#!/usr/bin/env bash
# Boot script of the training instance (launch.sh fills in the @...@ fields). Runs as root at first boot.
set -euo pipefail
exec > >(tee /var/log/dit-nbdev.log) 2>&1
out=/opt/dit-run
s3="s3://@BUCKET@/dit_nbdev/@RUN@"
mkdir -p "$out"
sync_up() { aws s3 sync "$out" "$s3" --only-show-errors || true; }
# on spot interruption the instance gets SIGTERM; the trainer's workers save latest (torchrun itself then exits 1,
# which ends this script under set -e), and the EXIT trap below copies it up.
# Whatever ends this script (success, a failed install, a refused config), copy up and stop paying for the instance.
trap 'sync_up; shutdown -h now' EXIT

aws s3 sync "$s3" "$out" --only-show-errors || true   # resume from an earlier, preempted attempt
python3 -m venv /opt/venv
# shellcheck disable=SC1091
source /opt/venv/bin/activate
pip install -q "git+@REPO@"
( while sleep 300; do sync_up; done ) &               # copy checkpoints up every 5 minutes
# launch.sh's overrides arrive shell-quoted and base64-encoded: one argument each, and never run as code
encoded='@OVERRIDES_B64@' overrides=()
if [ -n "$encoded" ]; then eval "overrides=($(printf %s "$encoded" | base64 -d))"; fi
torchrun --standalone --nproc_per_node="$(nvidia-smi -L | wc -l)" -m dit_nbdev.train --config "@CONFIG@" --no_progress \
  training.out_dir="$out" "${overrides[@]}"
dit_evaluate --checkpoint "$out/latest_checkpoint.pth" --steps 10 25 50 100 --out "$out/eval"
