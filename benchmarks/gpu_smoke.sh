#!/usr/bin/env bash
# GPU smoke test: ResNet-50 shape backbone, 12 views at 224 px, fp32 vs AMP,
# a few hundred steps on one CUDA device; prints images/s and peak memory.
# With two or more GPUs it runs the same on 2 processes under torchrun (DDP),
# then checks that deterministic=True gives bit-identical weights twice.
# Usage: benchmarks/gpu_smoke.sh [--steps 200] [--batch 8] [--micro-batches 1]
set -euo pipefail
cd "$(dirname "$0")/.."
gpus=$(python -c "import torch; print(torch.cuda.device_count() if torch.cuda.is_available() else 0)")
if [ "$gpus" -lt 1 ]; then
    echo "gpu_smoke.sh: no CUDA device (torch.cuda.is_available() is False); run it on a GPU machine" >&2
    exit 1
fi
python benchmarks/gpu_smoke.py "$@"
if [ "$gpus" -ge 2 ]; then
    torchrun --standalone --nproc_per_node 2 benchmarks/gpu_smoke.py "$@"
else
    echo "gpu_smoke.sh: one GPU; the 2-process (torchrun) run needs two"
fi
# cuBLAS reads its workspace setting when it starts: set it before Python does
CUBLAS_WORKSPACE_CONFIG=:4096:8 python benchmarks/gpu_smoke.py --determinism --steps 20 "$@"
