# Sourced by the scripts that run the packaged jar as the image does (startup.sh, cpu-by-thread.sh,
# kill-under-load.sh): the repository as the working folder, the jar (APP), the image's settings (image-settings.sh),
# a work folder and a free port, and the service stopped and the folder removed on every exit.
# The script sets `service` to the pid; `ticks` reads its CPU time by thread.
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
APP=${APP:-target/quarkus-app}
# shellcheck source=src/bench/image-settings.sh
. src/bench/image-settings.sh
if [ ! -f "$APP/quarkus-run.jar" ]; then
    echo "No $APP/quarkus-run.jar: ./mvnw -B package -DskipTests first" >&2
    exit 2
fi

work=$(mktemp -d)
service=
cleanup() {
    [ -n "$service" ] && { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# CPU ticks (user + system): the process's, then each live thread's, by id and name with digits taken out
# (executor-thread-N). The process's own count keeps the time of the threads that ended meanwhile.
ticks() {
    set -- $(sed 's/.*) //' /proc/"$service"/stat)
    echo "process all $((${12} + ${13}))"
    for t in /proc/"$service"/task/*; do
        name=$(tr ' ' '_' 2>/dev/null < "$t/comm") || continue
        stat=$(sed 's/.*) //' "$t/stat" 2>/dev/null) || continue
        set -- $stat
        echo "${t##*/} ${name//[0-9]/N} $((${12} + ${13}))"
    done
}
