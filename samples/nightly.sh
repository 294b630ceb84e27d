#!/bin/sh
# The nightly job of a roster office: what is due, a backup, and the files
# leadership reads, written into a folder named for the day. POSIX sh (runs
# under Debian's dash); copy it, set the four variables below (or pass them
# in the environment) and run it from cron, e.g. at 01:30 every night:
#
#   30 1 * * *  ROSTER_DB=/srv/roster/roster.db ROSTER_NIGHTLY_DIR=/srv/roster/nightly /srv/roster/nightly.sh
#
# It writes, in $ROSTER_NIGHTLY_DIR/YYYY-MM-DD/:
#   due.csv, due.json       everything due or late (`roster due --all`)
#   late.csv                of those, what is late or due today
#   roster-YYYY-MM-DD.db    a backup of the database, taken while clerks work
#   advisors.csv            the advisors serving today (phones, IDs masked)
#   panels.csv              the panels and their settings
#   summary-YYYY.csv        the year's work summary (年度工作总结), per panel and in total
#   spending-YYYY.csv       the year's spending against budget
#   coverage-YYYY.csv       liaison, contacts and holiday greetings
# and appends a line per step to $ROSTER_NIGHTLY_DIR/nightly.log.
#
# cron mails what a job prints, not its exit status: the job prints nothing
# when all goes well and one line on stderr for each failed step, so a
# failed night reaches the office by mail. The exit status, for a wrapper
# or a systemd timer that checks it:
#   0  every file written; nothing is late or due today
#   6  every file written, and something is late or due today: see late.csv
#      (due.csv also lists what comes up within the settings' windows).
#      Items due are not a failure of the job, so the exports are still made.
#   1  a step failed (stderr and the log say which and why); the other steps
#      still ran and their files are kept.

set -u
umask 077    # the files hold personal data: readable by this account only, as roster's own files are

ROSTER=${ROSTER:-roster}                            # the roster program
ROSTER_DB=${ROSTER_DB:-roster.db}                   # the database
ROSTER_NIGHTLY_DIR=${ROSTER_NIGHTLY_DIR:-nightly}   # where the dated folders go
ROSTER_LANG=${ROSTER_LANG:-zh}                      # zh or en, for headers and labels
export ROSTER_DB ROSTER_LANG

DAY=${ROSTER_TODAY:-$(date +%Y-%m-%d)}
case $DAY in
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
    *)
        # The folder and file names are built from it.
        echo "nightly: ROSTER_TODAY=$DAY: give the day as YYYY-MM-DD (or leave it unset)" >&2
        exit 1
        ;;
esac
YEAR=${DAY%%-*}
DIR=$ROSTER_NIGHTLY_DIR/$DAY
LOG=$ROSTER_NIGHTLY_DIR/nightly.log
ERR=$DIR/.stderr

if ! mkdir -p "$DIR"; then
    echo "nightly: cannot create $DIR" >&2
    exit 1
fi

failed=0
due=0

log() {
    printf '%s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*" >> "$LOG"
}

# step NAME FILE ARGUMENT...: runs `roster ARGUMENT...` with its output in
# FILE (- for none) and notes the outcome in the log. Exit 6 from `due
# --fail-on-due` means items are due; any other non-zero status is a failure.
# The output goes to a temporary name and replaces FILE only when the step
# succeeds, so a failed re-run keeps the earlier good file. A .csv file
# starts with the UTF-8 BOM, as exports do, so that Excel and WPS on a
# Chinese Windows open it without mojibake (`--format csv` on stdout, for
# scripts, has none; it neutralises formula cells as exports do).
step() {
    name=$1
    file=$2
    shift 2
    if [ "$file" = - ]; then
        "$ROSTER" --no-input "$@" > /dev/null 2> "$ERR"
        status=$?
    else
        part=$DIR/.$file.part
        {
            case $file in
                *.csv) printf '\357\273\277' ;;
            esac
            "$ROSTER" --no-input "$@"
        } > "$part" 2> "$ERR"
        status=$?
        if [ "$status" -eq 0 ] || [ "$status" -eq 6 ]; then
            mv -f "$part" "$DIR/$file" 2>> "$ERR" || status=1
        else
            rm -f "$part"
        fi
    fi
    message=$(tr '\n' ' ' < "$ERR")
    if [ "$status" -eq 0 ]; then
        # A warning of a step that succeeded (a backup taken while a clerk
        # held the database, whose audit row could not be written) is kept.
        log "ok      $name${message:+: $message}"
    elif [ "$status" -eq 6 ]; then
        due=1
        log "due     $name: $message"
    else
        failed=1
        log "FAILED  $name (exit $status): $message"
        echo "nightly $DAY: $name failed (exit $status): $message" >&2
    fi
    return 0
}

log "start   $DAY in $DIR (database $ROSTER_DB)"
step due        due.csv             --format csv due --all
step due-json   due.json            --format json due --all
step late       late.csv            --format csv due --all --within 0 --fail-on-due
step backup     -                   --yes backup "$DIR/roster-$DAY.db"
step advisors   -                   export advisors --serving --out "$DIR/advisors.csv"
step panels     -                   export panels --out "$DIR/panels.csv"
step summary    -                   export summary --year "$YEAR" --out "$DIR/summary-$YEAR.csv"
step spending   "spending-$YEAR.csv" --format csv report spending --year "$YEAR"
step coverage   "coverage-$YEAR.csv" --format csv report coverage --year "$YEAR"
rm -f "$ERR"

if [ "$failed" -ne 0 ]; then
    rmdir "$DIR" 2> /dev/null    # only if every step failed and left it empty
    log "end     with failures"
    exit 1
fi
if [ "$due" -ne 0 ]; then
    log "end     every file written; items are late or due today (late.csv)"
    exit 6
fi
log "end     every file written; nothing late or due today"
exit 0
