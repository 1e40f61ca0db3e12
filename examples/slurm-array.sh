#!/usr/bin/env bash
# Digitize a large corpus on a Slurm cluster: one array task per shard, all writing into one
# shared output folder (a file system every node mounts).
#
#   sbatch --array=1-16 examples/slurm-array.sh /shared/figures /shared/results
#
# Task K of N runs `digitize --shard K/N`: the shards split the inputs by a hash of their
# relative path, so together they take every input exactly once, whatever node runs which.
# Each task writes its JSON files into the tree and its own run log,
# results/digitize-log.shard-K-of-N.jsonl. Re-submitting the array redoes only what failed or
# changed (up-to-date outputs are skipped). When all tasks are done, merge the logs:
#
#   sbatch --dependency=afterany:<array job id> --wrap 'digitize-log /shared/results > /shared/results/merged-log.jsonl'
#
#SBATCH --job-name=digitize
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=02:00:00
#SBATCH --output=digitize-%A_%a.out
set -euo pipefail

input="${1:-${DIGITIZE_INPUT:?give the input folder as the first argument}}"
out="${2:-${DIGITIZE_OUT:?give the output folder as the second argument}}"
shard="${SLURM_ARRAY_TASK_ID:?run as an array job: sbatch --array=1-N}"
count="${SLURM_ARRAY_TASK_COUNT:?run as an array job: sbatch --array=1-N}"

# One worker thread (and OCR engine, about 200 MB) per core given to the task; exit status 1
# (some inputs failed) is not a failure of the task: the run log says which, to retry.
status=0
digitize "$input" --out "$out" --shard "$shard/$count" --jobs "${SLURM_CPUS_PER_TASK:-1}" --quiet || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
