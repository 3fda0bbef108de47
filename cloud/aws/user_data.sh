#!/usr/bin/env bash
# Boot script of the training instance (launch.sh fills in the @...@ fields). Runs as root at first boot.
set -euo pipefail
exec > >(tee /var/log/dit-nbdev.log) 2>&1
out=/opt/dit-run
s3="s3://@BUCKET@/dit_nbdev/@RUN@"
mkdir -p "$out"
sync_up() { aws s3 sync "$out" "$s3" --only-show-errors || true; }
# on spot interruption the instance gets SIGTERM; the trainer saves latest and exits 0, then we copy it up
trap 'sync_up' EXIT

aws s3 sync "$s3" "$out" --only-show-errors || true   # resume from an earlier, preempted attempt
python3 -m venv /opt/venv
# shellcheck disable=SC1091
source /opt/venv/bin/activate
pip install -q "git+@REPO@"
( while sleep 300; do sync_up; done ) &               # copy checkpoints up every 5 minutes
# shellcheck disable=SC2086
torchrun --standalone --nproc_per_node="$(nvidia-smi -L | wc -l)" -m dit_nbdev.train --config "@CONFIG@" --no_progress \
  training.out_dir="$out" @OVERRIDES@
dit_evaluate --checkpoint "$out/latest_checkpoint.pth" --steps 10 25 50 100 --out "$out/eval"
sync_up
shutdown -h now
