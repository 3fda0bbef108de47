#!/usr/bin/env bash
# The whole test suite (what `make test` and CI run). It fails when:
#   - nbdev_export would change dit_nbdev/ (the library is out of sync with the notebooks);
#   - nbdev_clean would change a notebook (a notebook is not clean);
#   - README.md does not agree with nbs/index.ipynb;
#   - the docs checks fail (sidebar, links, notebook sizes, nbdev's notebook processing);
#   - the cloud launch files fail validation (SkyPilot's parser, shellcheck, the AWS dry run);
#   - tools/gpu_diag.py (the prepared GPU diagnosis) fails on a tiny model on the CPU;
#   - any notebook fails under nbdev_test.
# Extra arguments go to nbdev_test, e.g. `tools/test.sh --flags slow` or `--path nbs/04_dit.ipynb`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
passed=0; failed=0
ok()   { echo "PASS: $1"; passed=$((passed+1)); }
bad()  { echo "FAIL: $1"; failed=$((failed+1)); }
snap() { find "$@" -type f \( -name '*.py' -o -name '*.ipynb' \) -print0 2>/dev/null | sort -z | xargs -0 sha256sum; }

before=$(snap dit_nbdev)
if nbdev_export && [ "$before" == "$(snap dit_nbdev)" ]; then ok "library in sync with notebooks"
else bad "nbdev_export changed dit_nbdev/: the library was out of sync with nbs/ (now re-exported; review and commit)"; fi

before=$(snap nbs)
if nbdev_clean && [ "$before" == "$(snap nbs)" ]; then ok "notebooks clean"
else bad "nbdev_clean changed notebooks in nbs/: they were not clean (now cleaned; review and commit)"; fi

if python tools/readme.py --check; then ok "README.md agrees with nbs/index.ipynb"; else bad "README.md out of date"; fi
if python tools/check_docs.py; then ok "docs checks"; else bad "docs checks"; fi
if python tools/check_cloud.py; then ok "cloud files validate"; else bad "cloud checks"; fi
if python tools/gpu_diag.py --device cpu --size T/4 --batch 4 --modes eager --rows 3 > /tmp/gpu_diag_check.txt 2>&1 && grep -q '^=== ours eager' /tmp/gpu_diag_check.txt
then ok "tools/gpu_diag.py runs (CPU, eager, tiny)"; else bad "tools/gpu_diag.py (see /tmp/gpu_diag_check.txt)"; fi

nbs_list=(nbs/[!_]*.ipynb); n=${#nbs_list[@]}
start=$(date +%s)
[ $# -gt 0 ] && n=1  # with --path/--flags etc. count the nbdev_test run once, not every notebook
if nbdev_test --timing "$@"; then ok "nbdev_test: $n notebook(s) ($(( $(date +%s) - start )) s)"; passed=$((passed+n-1))
else bad "nbdev_test (see the failures above)"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
