# Sourced by .ci/run and scripts/test.sh: `phase NAME COMMAND...` runs a command and
# remembers how long it took; when the script ends (passing or failing) the times are
# printed, so a slow phase shows.
PHASE_TIMES=()

phase() {
  local name=$1 start=$SECONDS status=0
  shift
  echo "=== ${name}: $*"
  "$@" || status=$?
  PHASE_TIMES+=("$(printf '%-12s %4d s%s' "$name" $((SECONDS - start)) "$([ $status -ne 0 ] && echo '  (failed)')")")
  return $status
}

print_phase_times() {
  [ ${#PHASE_TIMES[@]} -eq 0 ] && return
  echo "=== time per phase (${1:-this run})"
  printf '  %s\n' "${PHASE_TIMES[@]}"
}
