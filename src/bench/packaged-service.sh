# Sourced by the scripts that run the packaged jar as the image does (startup.sh, kill-under-load.sh): the repository
# as the working folder, the jar (APP), the container's memory limit and the image's JVM options, a work folder and a
# free port, and the service stopped and the folder removed on every exit. The script sets `service` to the pid.
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
APP=${APP:-target/quarkus-app}
JVM_OPTIONS=${JVM_OPTIONS:--XX:MaxRAM=896m $(grep -o 'JAVA_TOOL_OPTIONS="[^"]*"' docker/Dockerfile | cut -d'"' -f2)}
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
