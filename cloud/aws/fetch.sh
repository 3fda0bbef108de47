#!/usr/bin/env bash
# Copy a run's checkpoints, metrics, loss curve and evaluation back from S3.
#   cloud/aws/fetch.sh --bucket my-bucket --run mnist-1 [--to runs/]
set -euo pipefail
bucket="" run="" to="runs"
while [ $# -gt 0 ]; do
  case "$1" in
    --bucket) bucket="$2"; shift 2 ;;
    --run) run="$2"; shift 2 ;;
    --to) to="$2"; shift 2 ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "fetch.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$bucket" ] || [ -z "$run" ]; then echo "fetch.sh: --bucket and --run are required" >&2; exit 2; fi
aws s3 sync "s3://$bucket/dit_nbdev/$run" "$to/$run" --only-show-errors
echo "copied to $to/$run"
