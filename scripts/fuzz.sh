#!/usr/bin/env bash
# Fuzzes the client message decoder and the hearing's command handling with libFuzzer
# (Fuzz/: the target, its seed corpus and dictionary; docs/security.md, "Fuzzing").
#
#   scripts/fuzz.sh                  60 seconds
#   scripts/fuzz.sh --time 1800      half an hour
#   scripts/fuzz.sh --runs 200000    a fixed number of inputs
#   scripts/fuzz.sh --build-only     compile, do not run
#   scripts/fuzz.sh --dir .build/fuzz-long --time 1800   build and work in another folder
#   scripts/fuzz.sh --time 60 -- -jobs=2 -workers=2    anything after -- goes to libFuzzer
#
# SwiftPM cannot link a libFuzzer entry point into an executable target, so the fuzzed modules
# (AudienciaJSON, AudienciaCore, AudienciaWire, AudienciaSeeds) are compiled here with swiftc,
# instrumented with -sanitize=fuzzer,address, into .build/fuzz/. `swift build` never sees Fuzz/.
# Inputs that crash (or break one of the target's checks) are saved in .build/fuzz/crashes/;
# the run exits with 1 when there is one. Replay one, step by step, with
#   SWIFT_BACKTRACE=enable=no AUDIENCIA_FUZZ_TRACE=1 .build/fuzz/audiencia-fuzz .build/fuzz/crashes/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

# The body is one function, read whole before it runs, so editing this file during a long
# run cannot change what the running copy does next.
main() {

seconds=60
runs=-1
out=.build/fuzz
build_only=0
extra=()
while (($#)); do
    case "$1" in
        --time) seconds="$2"; shift 2 ;;
        --runs) runs="$2"; seconds=0; shift 2 ;;
        --build-only) build_only=1; shift ;;
        --dir) out="$2"; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "fuzz: opción desconocida: $1 (usa --time S, --runs N, --dir D, --build-only, -- …)" >&2; exit 2 ;;
    esac
done

mkdir -p "$out/modules" "$out/corpus" "$out/crashes"
binary="$out/audiencia-fuzz"
log="$out/build.log"

# Rebuild only when a fuzzed source, the target or this script is newer than the binary.
sources=(Sources/AudienciaJSON Sources/AudienciaCore Sources/AudienciaWire Sources/AudienciaSeeds Sources/CJansson Fuzz)
if [ ! -x "$binary" ] || [ -n "$(find "${sources[@]}" "$0" -newer "$binary" -print -quit)" ]; then
    echo "fuzz: compilando el objetivo con -sanitize=fuzzer,address…"
    flags=(-swift-version 6 -parse-as-library -O -gline-tables-only -sanitize=fuzzer,address
           -I "$out/modules" -I Sources/CJansson)
    for flag in $(pkg-config --cflags jansson); do flags+=(-Xcc "$flag"); done
    module() {  # name, then the folders of its sources
        local name="$1"; shift
        swiftc "${flags[@]}" -module-name "$name" -wmo -c -o "$out/modules/$name.o" \
            -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
            $(find "$@" -name '*.swift' | sort) >>"$log" 2>&1
    }
    : >"$log"
    # Two at a time: Core and JSON depend on nothing, Wire and Seeds on both.
    module AudienciaCore Sources/AudienciaCore & core=$!
    module AudienciaJSON Sources/AudienciaJSON & json=$!
    failed=0
    wait "$core" || failed=1; wait "$json" || failed=1
    if ((failed == 0)); then
        module AudienciaWire Sources/AudienciaWire & wire=$!
        module AudienciaSeeds Sources/AudienciaSeeds & seeds=$!
        wait "$wire" || failed=1; wait "$seeds" || failed=1
    fi
    if ((failed == 0)); then
        # shellcheck disable=SC2046
        swiftc "${flags[@]}" -module-name AudienciaFuzz -o "$binary" Fuzz/*.swift "$out"/modules/*.o \
            $(pkg-config --libs jansson) >>"$log" 2>&1 || failed=1
    fi
    if ((failed)); then
        grep -E "error:" -A3 "$log" | head -40 >&2
        rm -f "$binary"
        echo "fuzz: no compila (registro completo en $log)" >&2
        exit 1
    fi
fi
((build_only)) && { echo "fuzz: objetivo listo en $binary"; exit 0; }

before=$(find "$out/crashes" -type f | wc -l)
run_log="$out/run.log"
echo "fuzz: probando (tiempo ${seconds}s, entradas ${runs}); registro en $run_log"
# Working corpus first: libFuzzer writes what it discovers there, not into Fuzz/corpus.
# Leak detection is off: the Swift runtime's caches live until exit by design; memory that
# grows per input still trips -rss_limit_mb. Swift's own backtracer is off so that a trap
# reaches libFuzzer's handler, which saves the input, instead of being caught first.
set +e
ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" SWIFT_BACKTRACE=enable=no AUDIENCIA_SEEDS=seeds "$binary" \
    "$out/corpus" Fuzz/corpus -dict=Fuzz/audiencia.dict -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -max_total_time="$seconds" -runs="$runs" -print_final_stats=1 \
    -artifact_prefix="$out/crashes/" "${extra[@]}" >"$run_log" 2>&1
status=$?
set -e

tried=$(grep -E "^stat::number_of_executed_units:" "$run_log" | awk '{s += $2} END {print s + 0}')
speed=$(grep -E "^stat::average_exec_per_sec:" "$run_log" | awk '{s += $2} END {print s + 0}')
coverage=$(grep -oE "cov: [0-9]+" "$run_log" | tail -n 1 | awk '{print $2}')
crashes=$(($(find "$out/crashes" -type f | wc -l) - before))
echo "fuzz: entradas probadas: $tried (${speed}/s); cobertura: ${coverage:-?} aristas; corpus: $(find "$out/corpus" -type f | wc -l) archivos"
echo "fuzz: fallas nuevas: $crashes; guardadas en $out/crashes/"
if ((crashes == 0)) && grep -q "libFuzzer: run interrupted" "$run_log"; then
    echo "fuzz: interrumpido, sin fallas" >&2
    exit 130
fi
if ((status != 0 || crashes > 0)); then
    grep -E "audiencia-fuzz:|ERROR: |SUMMARY: |Test unit written" "$run_log" | head -20 >&2
    echo "fuzz: el fuzzer encontró una falla (salida $status)" >&2
    exit 1
fi
}

main "$@"; exit $?
