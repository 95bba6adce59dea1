#!/usr/bin/env bash
# GPU smoke test: ResNet-50 shape backbone, 12 views at 224 px, fp32 vs AMP,
# a few hundred steps on one CUDA device; prints images/s and peak memory.
# Usage: benchmarks/gpu_smoke.sh [--steps 200] [--batch 8]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)"; then
    echo "gpu_smoke.sh: no CUDA device (torch.cuda.is_available() is False); run it on a GPU machine" >&2
    exit 1
fi
exec python benchmarks/gpu_smoke.py "$@"
