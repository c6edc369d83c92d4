#!/usr/bin/env bash
# Mutation testing (cargo-mutants) of the pure layers and the address types: each mutant (an
# operator flipped, a function body replaced by a constant, ...) is built and the tests that cover
# its file are run; a mutant no test catches is "missed". Every missed mutant must be listed, with
# a reason, in .ci/mutants-allowlist; any other missed mutant fails this script.
#
#   .ci/mutants.sh --all [GROUP...]     # every mutant of the groups (default: all), in order
#   .ci/mutants.sh --changed [BASE [GROUP...]]
#                                       # only mutants on lines changed since BASE's merge base
#                                       # (default: the merge base with main, else HEAD~1)
#   .ci/mutants.sh --list [GROUP...]    # count the mutants per file, run nothing
#   MUTANTS_ARGS="-F set_port" .ci/mutants.sh --all addr
#                                       # extra cargo-mutants arguments (here: only the mutants
#                                       # whose name matches; --shard 1/4; --iterate)
#   MUTANTS_FILES="src/addr/link.rs src/wire/arp.rs" .ci/mutants.sh --all addr wire
#                                       # only these files of each group (a group none of whose
#                                       # files is listed is skipped); globs are expanded
#
# Groups, in the order a full run takes them (files; the test targets each mutant runs):
#   byteorder  src/byteorder.rs           --lib
#   ascii      src/ascii.rs               --lib
#   inet       src/inet.rs                --lib --test inet
#   ether      src/ether.rs               --lib --test ether --test ether_edges
#   simd       src/simd/*.rs              --lib --test inet --test ether --test ether_edges
#                                         --test baseline_cpu
#   addr       src/addr/*.rs              --lib --test addr --test addr_edges
#   wire       src/wire/*.rs              --lib --test wire --test wire_edges --test wire_names
#                                         --test wire_v6_edges
#   netdb      src/netdb/cache.rs         --lib --test netdb_cache
#   netlink    src/inspect/netlink.rs     --lib --test inspect
#   cmsg       src/msg/*.rs               --lib --test msg          (skipped while absent)
# Only these test targets are built per mutant (never every test, example and doc test): that is
# what makes a mutant cost seconds on a 2-core machine. Timeouts (a mutant that makes a loop spin)
# count as caught. Results: target/mutants-out/GROUP/mutants.out/{caught,missed,unviable,
# timeout}.txt, and a per-file table printed at the end.
#
# Cost here (2 shared cores, loaded): ~6 s per mutant plus ~30 s per group for the unmutated
# baseline; the first run also builds the dev-dependencies into target/mutants (~2 min) and
# installs cargo-mutants (~5 min).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never

CARGO_MUTANTS_VERSION=27.1.0
allowlist=$root/.ci/mutants-allowlist
out_root=$root/target/mutants-out
# Its own target dir, inside this checkout: the mutant builds (in a copy of the tree) share their
# dependencies with each other and with later runs, and never touch target/debug.
export CARGO_TARGET_DIR=$root/target/mutants
# One run at a time: two runs in one target dir overwrite each other's test binaries (same
# package, same profile, same file names), and each then tests the other's mutant.
lock() {
    mkdir -p "$root/target"
    exec 9>"$root/target/mutants.lock"
    if ! flock -n 9; then
        echo "== another .ci/mutants.sh run holds target/mutants.lock; waiting for it"
        flock 9
    fi
}

ALL_GROUPS=(byteorder ascii inet ether simd addr wire netdb netlink cmsg)
group_files() { # the in-scope source files of a group, one per line (existing files only)
    local g=$1
    case $g in
    byteorder) ls src/byteorder.rs ;;
    ascii) ls src/ascii.rs ;;
    inet) ls src/inet.rs ;;
    ether) ls src/ether.rs ;;
    simd) ls src/simd/*.rs ;;
    addr) ls src/addr/*.rs | grep -v '^src/addr/tests\.rs$' ;;
    wire) ls src/wire/*.rs ;;
    netdb) ls src/netdb/cache.rs ;;
    netlink) ls src/inspect/netlink.rs ;;
    cmsg) ls src/msg/*.rs 2>/dev/null || true ;;
    *)
        echo "unknown group '$g' (groups: ${ALL_GROUPS[*]})" >&2
        return 2
        ;;
    esac
}
group_tests() { # the integration test targets of a group (those that exist)
    local t
    case $1 in
    inet) set -- inet ;;
    ether) set -- ether ether_edges ;;
    simd) set -- inet ether ether_edges baseline_cpu ;;
    addr) set -- addr addr_edges ;;
    wire) set -- wire wire_edges wire_names wire_v6_edges ;;
    netdb) set -- netdb_cache ;;
    netlink) set -- inspect ;;
    cmsg) set -- msg ;;
    *) set -- ;;
    esac
    for t in "$@"; do [ -f "tests/$t.rs" ] && echo "$t"; done
    return 0
}

usage() { sed -n '2,15p' "$0" >&2; exit 2; }
mode=${1:-}
[ -n "$mode" ] || usage
shift
base=""
groups=()
case $mode in
--all | --list) groups=("$@") ;;
--changed)
    base=${1:-}
    [ "$#" -eq 0 ] || shift
    groups=("$@")
    ;;
*) usage ;;
esac
[ "${#groups[@]}" -gt 0 ] || groups=("${ALL_GROUPS[@]}")
for g in "${groups[@]}"; do group_files "$g" >/dev/null; done

[ "$mode" = --list ] || lock

# Installed on first use: a change that touches no in-scope file costs no install.
need_mutants() {
    if ! cargo mutants --version 2>/dev/null | grep -q "$CARGO_MUTANTS_VERSION"; then
        echo "== installing cargo-mutants $CARGO_MUTANTS_VERSION"
        cargo install cargo-mutants --locked --version "$CARGO_MUTANTS_VERSION"
    fi
}

if [ "$mode" = --changed ]; then
    if [ -z "$base" ]; then
        if git rev-parse -q --verify main >/dev/null &&
            [ "$(git merge-base HEAD main)" != "$(git rev-parse HEAD)" ]; then
            base=$(git merge-base HEAD main)
        else
            base=$(git rev-parse HEAD~1)
        fi
    else
        base=$(git merge-base HEAD "$base")
    fi
    echo "== mutants on the lines changed since $(git log -1 --format='%h %s' "$base")"
fi

# The allowlist without comments and reasons: one mutant name per line, without line:column.
allowed=$(mktemp)
missed_all=$(mktemp)
trap 'rm -f "$allowed" "$missed_all"' EXIT
sed -e '/^[[:space:]]*#/d' -e 's/[[:space:]]*##.*$//' -e '/^[[:space:]]*$/d' "$allowlist" | sort -u >"$allowed"
strip_pos() { sed -E 's/^([^:]+):[0-9]+:[0-9]+: /\1: /'; }

status=0
ran=()
# MUTANTS_FILES: the files to keep (globs expanded here), one per line.
only_files=""
if [ -n "${MUTANTS_FILES:-}" ]; then
    # shellcheck disable=SC2086 # split and glob-expanded on purpose
    only_files=$(printf '%s\n' $MUTANTS_FILES)
fi
for g in "${groups[@]}"; do
    if [ -n "$only_files" ]; then
        mapfile -t files < <(group_files "$g" | grep -Fx -f <(echo "$only_files") || true)
    else
        mapfile -t files < <(group_files "$g")
    fi
    if [ "${#files[@]}" -eq 0 ]; then
        echo "== $g: no files${only_files:+ in MUTANTS_FILES}, skipped"
        continue
    fi
    args=()
    for f in "${files[@]}"; do args+=(--file "$f"); done
    test_args=(--cargo-arg=--lib)
    for t in $(group_tests "$g"); do test_args+=("--cargo-arg=--test=$t"); done
    if [ "$mode" = --list ]; then
        need_mutants
        echo "== $g"
        # shellcheck disable=SC2086
        cargo mutants --list "${args[@]}" ${MUTANTS_ARGS:-} | cut -d: -f1 | sort | uniq -c
        continue
    fi
    if [ "$mode" = --changed ]; then
        diff=$out_root/$g.diff
        mkdir -p "$out_root"
        git diff "$base" -- "${files[@]}" >"$diff"
        if [ ! -s "$diff" ]; then
            echo "== $g: unchanged, skipped"
            continue
        fi
        args+=(--in-diff "$diff")
    fi
    need_mutants
    echo "== $g: ${files[*]} (tests: ${test_args[*]})"
    rm -rf "$out_root/$g"
    mkdir -p "$out_root/$g"
    rc=0
    # shellcheck disable=SC2086 # MUTANTS_ARGS is split into words on purpose
    cargo mutants "${args[@]}" "${test_args[@]}" ${MUTANTS_ARGS:-} --output "$out_root/$g" || rc=$?
    # 0: all caught; 2: some missed; 3: some timed out (caught by the timeout). Anything else
    # (1 usage, 4 the unmutated tree fails its tests) is a failure of the run itself.
    case $rc in
    0 | 2 | 3) ran+=("$g") ;;
    *)
        echo "== $g: cargo mutants failed (exit $rc)" >&2
        status=1
        continue
        ;;
    esac
    strip_pos <"$out_root/$g/mutants.out/missed.txt" >>"$missed_all"
done

[ "$mode" != --list ] || exit 0

# Per file: caught / missed / unviable / timeout.
if [ "${#ran[@]}" -gt 0 ]; then
    printf '\n== mutants per file\n%-32s %7s %7s %9s %8s\n' file caught missed unviable timeout
    for g in "${ran[@]}"; do
        d=$out_root/$g/mutants.out
        for f in $(cat "$d"/{caught,missed,unviable,timeout}.txt | cut -d: -f1 | sort -u); do
            n() { grep -c "^$f:" "$d/$1.txt" || true; }
            printf '%-32s %7d %7d %9d %8d\n' "$f" "$(n caught)" "$(n missed)" "$(n unviable)" "$(n timeout)"
        done
    done
    printf '%-32s %7d %7d %9d %8d\n' total \
        "$(cat "${ran[@]/#/$out_root/}"/mutants.out/caught.txt 2>/dev/null | wc -l)" \
        "$(cat "${ran[@]/#/$out_root/}"/mutants.out/missed.txt 2>/dev/null | wc -l)" \
        "$(cat "${ran[@]/#/$out_root/}"/mutants.out/unviable.txt 2>/dev/null | wc -l)" \
        "$(cat "${ran[@]/#/$out_root/}"/mutants.out/timeout.txt 2>/dev/null | wc -l)"
fi

# Missed mutants not in the allowlist fail the run; in a full run, allowlist entries of the
# groups that ran and no longer survive are reported as stale (remove them).
unlisted=$(sort -u "$missed_all" | comm -23 - "$allowed")
if [ -n "$unlisted" ]; then
    printf '\n== missed mutants not in .ci/mutants-allowlist (add a test that catches each, or list it with a reason):\n%s\n' "$unlisted"
    status=1
fi
if [ "$mode" = --all ] && [ -z "${MUTANTS_ARGS:-}" ] && [ "${#ran[@]}" -gt 0 ]; then
    ran_files=$(for g in "${ran[@]}"; do group_files "$g"; done)
    [ -z "$only_files" ] || ran_files=$(grep -Fx -f <(echo "$only_files") <<<"$ran_files" || true)
    stale=$(grep -F -f <(sed 's/$/: /' <<<"$ran_files") "$allowed" | comm -23 - <(sort -u "$missed_all") || true)
    [ -z "$stale" ] || printf '\n== allowlist entries no longer missed (remove them):\n%s\n' "$stale"
fi
if [ "$status" -eq 0 ]; then echo "== mutants: passed"; else echo "== mutants: FAILED"; fi
exit "$status"
