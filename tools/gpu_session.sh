#!/bin/bash
# One prepared GPU session for dit_nbdev (issues 7, 8, 10): the script that measured the H100 numbers in 12_bench and 13_recipes.
# The GPU machine has torch but no internet: what it needs beyond torch travels in .gpu/ (git-ignored), made here once:
#   mkdir -p .gpu/whl .gpu/data/MNIST/raw
#   pip download --no-deps --only-binary=:all: --python-version 3.12 --platform manylinux2014_x86_64 -d .gpu/whl \
#       diffusers==0.39.0 importlib_metadata==10.2.0 fastcore==1.14.5
#   for f in data/MNIST/raw/*-ubyte; do gzip -9c $f > .gpu/data/MNIST/raw/$(basename $f).gz; done
# Then, on the GPU machine, from the repository root:
#   bash tools/gpu_session.sh smoke            # ~1.5 min: imports, tiny train/eval/bench, calibration of the real batches
#   bash tools/gpu_session.sh mfu              # dit_bench --mfu at batches $BATCHES (default 64 8192 1024 16384), within $MFU_S s (480)
#   bash tools/gpu_session.sh diag             # tools/gpu_diag.py at batch $DIAG_BATCH (64): graphs, breaks, CUDA-graph skips, top kernels
#   bash tools/gpu_session.sh autotune         # dit_bench --mfu $BATCHES (8192) --mfu_modes compile autotune, ours alone, within $MFU_S s (480)
#   bash tools/gpu_session.sh full MIN NB      # bench; runs A (default config), B (batch 512) and C (batch 1024) side by side
#                                              # for MIN minutes (B, C: cosine over NB steps); then 10k-sample evaluations
# Results land in $OUT: runs.tgz (logs, metrics, probes, evaluations; repacked every 20 s) and the three EMA weight files.
MODE=${1:-smoke}; MIN=${2:-4}; NB=${3:-30000}
set -u
export PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
T0=$(date +%s)
el() { echo "=== [$(( $(date +%s) - T0 ))s] $*"; }
PY=${PY:-python3}
if [ -z "${NO_WHEELS:-}" ]; then
  "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .gpu/whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
fi
W=${WORK:-/tmp/w}; L=$W/logs; R=$W/runs; mkdir -p "$L" "$R"
D="data.root=$PWD/.gpu/data"
DEV=${DEV:-cuda}; CAL=${CAL:-400}; NPC=${NPC:-1000}; BENCH_ARGS=${BENCH_ARGS:-}
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv > "$L/gpu.txt" 2>&1
"$PY" -c "import sys, torch, os; print(sys.version.split()[0], torch.__version__, torch.cuda.get_device_name() if torch.cuda.is_available() else 'no cuda', os.cpu_count())" | tee -a "$L/gpu.txt"
pack() { tar czf "$OUT/runs.tmp.tgz" --exclude='*.pth' --exclude='*.safetensors' -C "$W" logs runs 2>/dev/null && mv "$OUT/runs.tmp.tgz" "$OUT/runs.tgz"; }  # $OUT takes 8 files at most
train() { # name, minutes, overrides...
  local n=$1 m=$2; shift 2
  rm -rf "${R:?}/$n"  # a fresh run each time: a rerun on the same warm machine would resume a spent one
  "$PY" -m dit_nbdev.train --config mnist --no_progress "$D" "training.out_dir=$R/$n" "training.max_minutes=$m" training.probe_every_n_steps=5000 "$@" > "$L/train_$n.log" 2>&1
  echo "train $n rc=$?" >> "$L/rc.txt"
}
ev() { # name, out, args...
  local n=$1 o=$2; shift 2
  "$PY" -m dit_nbdev.evaluate --checkpoint "$R/$n/latest_checkpoint.pth" --device "$DEV" --batch_size 2500 --n_per_class "$NPC" --out "$R/$n/$o" "$@" > "$L/eval_${n}_$o.log" 2>&1
  echo "eval $n $o rc=$?" >> "$L/rc.txt"
}

if [ "$MODE" = mfu ]; then  # training MFU on the card: eager, compiled, CUDA graphs, beside the ceiling of the products alone
  el "dit_bench --mfu ${BATCHES:=64 8192 1024 16384}, at most ${MFU_S:=480} s"
  # shellcheck disable=SC2086  # BATCHES is meant to split into words
  timeout "$MFU_S" "$PY" -m dit_nbdev.bench --device "$DEV" --mfu $BATCHES --json 2>&1 | tee "$L/mfu.txt" | cut -c1-400
  pack; el "mfu done"; exit 0
fi

if [ "$MODE" = autotune ]; then  # what inductor's own product kernels (max-autotune, epilogues fused) give our step: ours alone, against its default compile
  # stop 32's lease (H200) ran out of time while inductor autotuned diffusers' step; ours alone halves the compiling
  el "dit_bench --mfu ${BATCHES:=8192} --mfu_modes compile autotune --mfu_ours_only, at most ${MFU_S:=480} s"
  # shellcheck disable=SC2086  # BATCHES is meant to split into words
  timeout "$MFU_S" "$PY" -m dit_nbdev.bench --device "$DEV" --mfu $BATCHES --mfu_modes compile autotune --mfu_ours_only --json 2>&1 | tee "$L/autotune.txt" | grep -vE 'AUTOTUNE|Autotune|num_choices|triton_|cpp_|^ +(mm|addmm|bmm|convolution) |strides|dtypes|benchmarking' | cut -c1-400
  pack; el "autotune done"; exit 0
fi

if [ "$MODE" = diag ]; then  # why our compiled step gains less than diffusers' on a GPU: graphs, breaks, CUDA-graph skips (with reasons), top kernels
  el "tools/gpu_diag.py --batch ${DIAG_BATCH:=64}"
  timeout "${MFU_S:-240}" "$PY" tools/gpu_diag.py --device "$DEV" --batch "$DIAG_BATCH" > "$L/diag.txt" 2>&1; echo "diag rc=$?" >> "$L/rc.txt"
  cp "$L/diag.txt" "$OUT/diag.txt"; grep -E '^===|Self CUDA time total|Self CPU time total' "$L/diag.txt"
  pack; el "diag done"; exit 0
fi

if [ "$MODE" = smoke ]; then
  el "tiny train"; "$PY" -m dit_nbdev.train --config tiny "$D" "training.out_dir=$R/tiny" --no_progress 2>&1 | tail -3
  el "tiny evaluate"; "$PY" -m dit_nbdev.evaluate --checkpoint "$R/tiny/latest_checkpoint.pth" --quick --device "$DEV" --out "$R/tiny_eval" 2>&1 | tail -4
  el "bench quick T/4"; timeout 120 "$PY" -m dit_nbdev.bench --quick --sizes T/4 --checkpoint none --device "$DEV" 2>&1 | tail -12
  el "calibrate A (batch 64) and B (batch 256), 400 steps each, one at a time"
  train calA 5 "training.max_steps=$CAL" training.sample_every_n_epochs=0
  train calB 5 "training.max_steps=$CAL" training.batch_size=256 training.learning_rate=2e-3 training.sample_every_n_epochs=0
  for n in calA calB; do tail -2 "$L/train_$n.log"; tail -2 "$R/$n/metrics.jsonl"; done
  el "shipped model, 1k samples"; "$PY" -m dit_nbdev.evaluate --sampler dpmpp --steps 10 --n_per_class 100 --device "$DEV" --batch_size 1000 --out "$R/ship1k" 2>&1 | tail -4
  pack; el "smoke done"; cat "$L/rc.txt"; exit 0
fi

(while sleep 20; do pack; done) &  # a command cut off at its time limit still brings back what was logged
PACKER=$!
waitjobs() { for p in $(jobs -p); do [ "$p" = "$PACKER" ] || wait "$p"; done; }  # a bare wait would wait for the packer too
el "bench, default sizes (S/4, B/4), batch 64"
# shellcheck disable=SC2086  # BENCH_ARGS is meant to split into words
timeout 120 "$PY" -m dit_nbdev.bench --json --device "$DEV" $BENCH_ARGS > "$L/bench.txt" 2>&1; echo "bench rc=$?" >> "$L/rc.txt"; tail -4 "$L/bench.txt" | cut -c1-600
el "bench S/4 at batch 1024 (MFU at a GPU-sized batch)"
# shellcheck disable=SC2086
timeout 60 "$PY" -m dit_nbdev.bench --sizes S/4 --batch 1024 --n_sample 1024 --repeats 5 --checkpoint none --json --device "$DEV" $BENCH_ARGS > "$L/bench1024.txt" 2>&1; echo "bench1024 rc=$?" >> "$L/rc.txt"; grep -E "MFU|FLOPs|bf16" "$L/bench1024.txt" | head -8
pack
el "train A (the default config), B (batch 512, lr 2e-3) and C (batch 1024, lr 3e-3), side by side for $MIN min; B and C: cosine over $NB steps, EMA 0.9995"
train A "$MIN" &
train B "$MIN" training.batch_size=512 training.learning_rate=2e-3 training.lr_schedule=cosine training.num_epochs=100000 "training.max_steps=$NB" training.ema_decay=0.9995 training.sample_every_n_epochs=25 &
train C "$MIN" training.batch_size=1024 training.learning_rate=3e-3 training.lr_schedule=cosine training.num_epochs=100000 "training.max_steps=$NB" training.ema_decay=0.9995 training.sample_every_n_epochs=50 &
waitjobs
for n in A B C; do tail -1 "$L/train_$n.log"; tail -1 "$R/$n/metrics.jsonl"; tail -1 "$R/$n/probe.jsonl" | cut -c1-400; cp "$R/$n/ema.safetensors" "$OUT/${n}_ema.safetensors"; done
pack
el "evaluate, 10,000 samples a setting"
ev A dpm --sampler dpmpp --steps 10 --guidance 1 1.25 &
ev B dpm --sampler dpmpp --steps 10 --guidance 1 1.25 1.5 &
ev C dpm --sampler dpmpp --steps 10 --guidance 1 1.25 1.5 &
waitjobs
for n in B C; do
  ev $n dpm_i38 --sampler dpmpp --steps 10 --guidance 1.25 1.5 --guidance_interval 0.3 0.8 &
  ev $n ddim --sampler ddim --steps 25 50 100 --guidance 1 1.25 &
done
waitjobs
for n in A B C; do for e in dpm dpm_i38 ddim; do f=$R/$n/$e/results.csv; [ -f "$f" ] && { echo "-- $n $e"; cut -d, -f1-5,7,8 "$f"; }; done; done
kill $PACKER; pack; el "full done"; cat "$L/rc.txt"
