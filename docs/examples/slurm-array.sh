#!/bin/bash
#SBATCH --job-name=perbench-refcoco-val
#SBATCH --array=0-7
#SBATCH --gres=gpu:1
#SBATCH --cpus-per-task=4
#SBATCH --time=04:00:00
#SBATCH --output=logs/%x-%a.out
set -euo pipefail
N=8
bin/perbench run --bench refcoco:val --model "http://localhost:8000" \
  --shard "${SLURM_ARRAY_TASK_ID}/${N}" --out "runs/refcoco-val/shard-${SLURM_ARRAY_TASK_ID}" \
  --concurrency 8 --max-failures 10
```
