#!/usr/bin/env bash
# Launch a spot GPU instance on AWS that installs dit_nbdev, trains a config, evaluates it, and copies the
# checkpoints, metrics, loss curve and evaluation to S3; the instance shuts itself down when done.
# Uses only the AWS CLI (v2). A preempted spot instance gets SIGTERM: the trainer saves latest and exits;
# launch again with the same --run and training resumes from the copy in S3 (training.resume_from: latest).
#
#   cloud/aws/launch.sh --bucket my-bucket --run mnist-1 [--config mnist] [--instance-type g5.xlarge]
#                       [--region us-east-1] [--key-name KEY] [--repo URL] [--dry-run] [-- OVERRIDES...]
#   cloud/aws/fetch.sh  --bucket my-bucket --run mnist-1        # copy the results back here
set -euo pipefail

bucket="" run="" config="mnist" itype="g5.xlarge" region="${AWS_REGION:-us-east-1}" key="" dry=0
repo="https://github.com/dit-nbdev/dit_nbdev"
overrides=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bucket) bucket="$2"; shift 2 ;;
    --run) run="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --instance-type) itype="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    --key-name) key="$2"; shift 2 ;;
    --repo) repo="$2"; shift 2 ;;
    --dry-run) dry=1; shift ;;
    --) shift; overrides=("$@"); break ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "launch.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$bucket" ] || { echo "launch.sh: --bucket is required (an S3 bucket you can write to)" >&2; exit 2; }
[ -n "$run" ] || { echo "launch.sh: --run is required (a name for this training run)" >&2; exit 2; }
plain() {  # values that go into the boot script as they are: no spaces, quotes, & or |
  [[ $2 =~ ^[A-Za-z0-9._/:@+-]+$ ]] || { echo "launch.sh: $1 '$2' may hold only letters, digits and . _ / : @ + -" >&2; exit 2; }
}
plain --bucket "$bucket"; plain --run "$run"; plain --config "$config"; plain --repo "$repo"

here=$(cd "$(dirname "$0")" && pwd)
user_data=$(mktemp)
trap 'rm -f "$user_data"' EXIT
# the instance's boot script: the template with this run's settings filled in
# the overrides, each shell-quoted, then base64-encoded: any character survives, and none is read as code
encoded=""
if [ ${#overrides[@]} -gt 0 ]; then encoded=$(printf '%q ' "${overrides[@]}" | base64 | tr -d '\n'); fi
sed -e "s|@BUCKET@|$bucket|g" -e "s|@RUN@|$run|g" -e "s|@CONFIG@|$config|g" -e "s|@REPO@|$repo|g" \
    -e "s|@OVERRIDES_B64@|$encoded|g" "$here/user_data.sh" > "$user_data"

# the newest AWS Deep Learning AMI with PyTorch (NVIDIA driver and CUDA preinstalled)
ami_cmd=(aws ec2 describe-images --region "$region" --owners amazon
         --filters "Name=name,Values=Deep Learning OSS Nvidia Driver AMI GPU PyTorch * (Ubuntu 22.04) *" "Name=state,Values=available"
         --query 'sort_by(Images, &CreationDate)[-1].ImageId' --output text)
run_cmd=(aws ec2 run-instances --region "$region" --instance-type "$itype" --count 1
         --instance-market-options 'MarketType=spot,SpotOptions={SpotInstanceType=one-time,InstanceInterruptionBehavior=terminate}'
         --instance-initiated-shutdown-behavior terminate
         --iam-instance-profile Name=dit-nbdev-s3   # a role that may read and write the bucket
         --user-data "file://$user_data"
         --tag-specifications "ResourceType=instance,Tags=[{Key=Name,Value=dit-nbdev-$run}]")
[ -n "$key" ] && run_cmd+=(--key-name "$key")

if [ "$dry" = 1 ]; then
  echo "would run: ${ami_cmd[*]}"
  echo "would run: ${run_cmd[*]} --image-id AMI"
  echo "overrides: ${overrides[*]:-}"
  echo "--- user data ---"; cat "$user_data"
  exit 0
fi
ami=$("${ami_cmd[@]}")
"${run_cmd[@]}" --image-id "$ami" --query 'Instances[0].InstanceId' --output text
echo "launched; results will appear in s3://$bucket/dit_nbdev/$run/ (fetch them with cloud/aws/fetch.sh)"
