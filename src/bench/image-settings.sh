# Sourced, from the repository's root, by the scripts that run the packaged jar as the image does (http.sh and, through
# packaged-service.sh, the others): the container's memory limit (docker/kubernetes.yaml) with the image's own JVM
# options, and its C library setting, in the environment as the image sets it (docker/Dockerfile); each unless given.
JVM_OPTIONS=${JVM_OPTIONS:--XX:MaxRAM=896m $(grep -o 'JAVA_TOOL_OPTIONS="[^"]*"' docker/Dockerfile | cut -d'"' -f2)}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-$(grep -o 'MALLOC_ARENA_MAX="[^"]*"' docker/Dockerfile | cut -d'"' -f2)}
