#!/bin/sh
# Run the host unit-test binaries given as arguments (tests/unit/unit.mk),
# all of them even if one fails, and end with one summary line for CI:
#
#     unit tests: N passed, N failed
#
# Counts are test cases, read from Check's "Checks: N, Failures: F,
# Errors: E" line; a binary that dies without printing it counts as one
# failure. Exits 1 if anything failed.
pass=0
fail=0
for t in "$@"; do
	echo "== $t"
	out="$t.out"
	ASAN_OPTIONS=detect_leaks=1 "$t" > "$out" 2>&1
	rc=$?
	cat "$out"
	counts=$(sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' "$out" | tail -n 1)
	if [ -z "$counts" ]; then
		echo "$t: exited with status $rc before Check's summary"
		fail=$((fail + 1))
		continue
	fi
	n=${counts%% *}
	rest=${counts#* }
	f=$((${rest%% *} + ${rest#* }))
	pass=$((pass + n - f))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$t: exited with status $rc"
		fail=$((fail + 1))
	fi
done
echo "unit tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
