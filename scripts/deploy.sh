#!/usr/bin/env bash
# Deploys one overlay of k8s/flink-deployment with the given images and waits for the console.
#   scripts/deploy.sh <test|prod> <registry> <tag>
# The Flink Kubernetes Operator upgrades running FlinkDeployments with a savepoint
# (upgradeMode in the resources), so a deploy does not lose job state.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 <test|prod> <registry> <tag>" >&2
  exit 2
fi
overlay="$1" registry="$2" tag="$3"
dir="k8s/flink-deployment/overlays/$overlay"
if [ ! -f "$dir/kustomization.yaml" ]; then
  echo "unknown overlay '$overlay': expected $dir/kustomization.yaml" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r k8s "$work/"
(
  cd "$work/$dir"
  kustomize edit set image "znyw/flink-jobs=$registry/flink-jobs:$tag" "znyw/console=$registry/console:$tag"
)
kubectl apply -k "$work/$dir"
namespace="$(kubectl kustomize "$work/$dir" | awk '/^  namespace:/ {print $2; exit}')"
kubectl rollout status deployment/znyw-console -n "${namespace:-znyw}" --timeout=10m
