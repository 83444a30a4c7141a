#!/bin/bash
# GPU check, step 2 (on the GPU machine, from the repository root, with .devkit/ from make-kit.mjs):
# builds llama.cpp for the local GPU through node-llama-cpp, writes synthetic Q4_0 models with
# `werkbank synth` and measures them with `werkbank probe` (flash attention auto and off, several
# concurrency levels). Each probe's JSON document lands in $OUT as soon as it exists, with a log.
# Steps have their own time limits so one that hangs does not take the others with it.
# Env: OUT (results folder), GPU_BACKEND (cuda, default; "false" builds for the CPU, to test this
# script on a machine without a GPU), CUDA_ARCH (default 90), MEASURE (default
# "7b-fa-auto 7b-fa-off 70b"; "7b-before" probes with .devkit/before-cli.tar.xz, an older CLI
# bundle packed by make-kit.mjs --before, for an A/B on the same machine).
set -u
OUT=${OUT:-/tmp/gpu-out}
mkdir -p "$OUT"
exec > >(tee -a "$OUT/log.txt") 2>&1
t0=$(date +%s)
stamp() { echo "== $(( $(date +%s) - t0 )) s: $*"; }
BACKEND=${GPU_BACKEND:-cuda}
export NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
ROOT=$(pwd)

untar() { # archive dir: tar with xz, or Python's tarfile where xz is missing
  if command -v xz >/dev/null; then tar -xJf "$1" -C "$2"
  else python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; fi
}
stamp "unpack"
mkdir -p /tmp/wb-node && untar .devkit/node.tar.xz /tmp/wb-node || exit 1
export PATH="$ROOT/.devkit/bin:/tmp/wb-node:$PATH"
if [ ! -d node_modules/node-llama-cpp ]; then
  untar .devkit/node_modules.tar.xz . || exit 1
fi
# the CLI bundle on every call: node_modules stays on a warm machine, the code under test may not
rm -rf node_modules/.cache/werkbank-cli/kit && mkdir -p node_modules/.cache/werkbank-cli
untar .devkit/cli.tar.xz node_modules/.cache/werkbank-cli || exit 1
export WERKBANK_NLC_DIR="$ROOT/node_modules/node-llama-cpp"
node --version
nproc; free -g | head -2; df -h . /tmp | tail -2
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv
command -v nvcc >/dev/null && nvcc --version | tail -2

# node-llama-cpp looks for a local build made with the same custom CMake options, so the variables
# stay set for the probes too. No -march=native: in these VMs the CPU reports AMX, but its tile
# instructions fault (SIGILL in ggml_backend_amx_mul_mat, seen on the build machine).
export NODE_LLAMA_CPP_CMAKE_OPTION_GGML_NATIVE=OFF
if [ "$BACKEND" = cuda ]; then
  export NODE_LLAMA_CPP_CMAKE_OPTION_CMAKE_CUDA_ARCHITECTURES=${CUDA_ARCH:-90}
  command -v nvcc >/dev/null || export CUDACXX=/usr/local/cuda/bin/nvcc
  # node-llama-cpp looks for libcuda, libcudart and libcublas on LD_LIBRARY_PATH and the usual folders
  for lib in libcuda.so.1 libcudart.so.13 libcublas.so.13 libnvidia-ml.so.1; do
    f=$(find /usr/local/nvidia /usr/local/cuda/ /usr/lib /usr/lib64 -name "$lib" 2>/dev/null | head -1)
    [ -n "$f" ] || f=$(find /opt /usr/local -name "$lib" 2>/dev/null | head -1)
    d=$([ -n "$f" ] && dirname "$f")
    echo "$lib: ${d:-not found}"
    [ -n "$d" ] && [ "$d" != . ] && export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  done
fi
stamp "build llama.cpp ($BACKEND)"
mark="node_modules/.werkbank-gpu-build-$BACKEND-${CUDA_ARCH:-90}"
# the marker says this configuration was built; the addon must be there too
if [ ! -f "$mark" ] || ! ls node_modules/node-llama-cpp/llama/localBuilds/*/Release/llama-addon.node >/dev/null 2>&1; then
  timeout 420 node node_modules/node-llama-cpp/dist/cli/cli.js source build --gpu "$BACKEND" --noUsageExample > "$OUT/build.txt" 2>&1
  rc=$?
  tail -25 "$OUT/build.txt"
  [ $rc = 0 ] || { stamp "build failed ($rc)"; exit 1; }
  touch "$mark"
fi
stamp "build done"

WB="node node_modules/.cache/werkbank-cli/kit/index.js"
GPU_FLAG=on; [ "$BACKEND" = false ] && GPU_FLAG=off
# the catalog GPU the measured points belong to (the machine may be an H200 where no H100 was free)
gpu_name=$(command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name --format=csv,noheader | head -1)
case "$gpu_name" in *H200*) default_gpu=h200-sxm ;; *H100*PCIe*) default_gpu=h100-pcie ;; *) default_gpu=h100-sxm ;; esac
CATALOG_GPU=${CATALOG_GPU:-$default_gpu}
echo "catalog GPU: $CATALOG_GPU ($gpu_name)"
mkdir -p models
probe() { # name shape timeout args...
  local name=$1 shape=$2 limit=$3; shift 3
  stamp "probe $name"
  timeout "$limit" $WB probe --target "local/models/$shape-q4_0.gguf" --gpu "$GPU_FLAG" --prompt-tokens 512 --output-tokens 128 \
    --no-store --json --catalog-gpu "$CATALOG_GPU" --catalog-model "$shape-q4_0" --engine "${ENGINE_LABEL:-node-llama-cpp 3.21.1 (CUDA sm_${CUDA_ARCH:-90})}" "$@" > "$OUT/$name.json"
  echo "exit $?"
}
synth() { # shape timeout
  stamp "synth $1"
  timeout "$2" $WB synth --shape "$1" --quant q4_0 --out "models/$1-q4_0.gguf" --force --json > "$OUT/synth-$1.json"
  echo "exit $?"
}

MEASURE=${MEASURE:-7b-fa-auto 7b-fa-off 70b}
has() { case " $MEASURE " in *" $1 "*) return 0 ;; esac; return 1; }
synth "${SHAPE_7B:-mistral-7b}" 120
has 7b-fa-auto && probe mistral-7b-fa-auto "${SHAPE_7B:-mistral-7b}" 240 --concurrency 1,4,16,64 --repeats 2
has 7b-fa-off && probe mistral-7b-fa-off "${SHAPE_7B:-mistral-7b}" 90 --concurrency 1,16 --flash-attention off --repeats 2
if has 7b-before && [ -f .devkit/before-cli.tar.xz ]; then
  mkdir -p node_modules/.cache/werkbank-cli/before && untar .devkit/before-cli.tar.xz node_modules/.cache/werkbank-cli/before
  WB="node node_modules/.cache/werkbank-cli/before/kit/index.js" probe mistral-7b-before "${SHAPE_7B:-mistral-7b}" 90 --concurrency 4,16,64
fi
rm -f "models/${SHAPE_7B:-mistral-7b}-q4_0.gguf"
if has 70b && [ "$(df --output=avail -B1G . | tail -1)" -gt 45 ]; then
  synth llama-3.3-70b 150
  probe llama-3.3-70b-fa-auto llama-3.3-70b 200 --concurrency 1,4,16
fi
stamp "done"
