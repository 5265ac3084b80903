# shellcheck shell=bash
# What the launchers at the root (vecnn, vecnn-spark) share: finding a JDK >= 21, building a
# module's jar on first use and whenever its sources changed, and running java with the Vector
# API module. Sourced, with $root (the repository) and $prog (the launcher's name for messages) set.

min_major=21

fail() { echo "$prog: $*" >&2; exit 1; }

# The major version of the JDK at $1 (its release file is read, so no JVM is started), or 0.
jdk_major() {
    local home="$1" version=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || { echo 0; return; }
    if [ -f "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=${version#1.}
    echo "${version%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

# JAVA_HOME first, then the java on PATH, then the newest JDK in the usual install folders.
find_jdk() {
    local candidate best="" best_major=0 major
    if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_major "$JAVA_HOME")" -ge $min_major ]; then echo "$JAVA_HOME"; return; fi
    if command -v java >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        if [ "$(jdk_major "$candidate")" -ge $min_major ]; then echo "$candidate"; return; fi
    fi
    for candidate in /usr/lib/jvm/* /usr/java/* /usr/local/java/* /opt/java/* /opt/jdk* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home \
                     "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
        [ -d "$candidate" ] || continue
        major=$(jdk_major "$candidate")
        if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
    done
    if [ "$best_major" -ge $min_major ]; then echo "$best"; return; fi
    return 1
}

jdk=$(find_jdk) || fail "no JDK ${min_major} or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm and the usual folders); install one, e.g. apt-get install openjdk-21-jdk, or set JAVA_HOME"

# Rebuilds $1 (a jar of module $2) when it is missing or older than any source or pom of the
# modules $3... it is built from.
build_if_stale() {
    local jar="$1" module="$2" log
    shift 2
    if [ -f "$jar" ] && [ -z "$(find "$root"/pom.xml "${@/#/$root/}" \
            -path '*/target' -prune -o -path "$root/bench/peers" -prune -o \( -name '*.java' -o -name '*.proto' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
            -type f -newer "$jar" -print -quit 2>/dev/null)" ]; then
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || fail "Maven (mvn) is needed to build vecnn the first time: apt-get install maven"
    echo "$prog: building $module with $(basename "$jdk") (first run, or sources changed)..." >&2
    log=$(mktemp)
    if ! (cd "$root" && JAVA_HOME="$jdk" mvn -B -q -DskipTests package -pl "$module" -am) >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"
        fail "the build failed (output above)"
    fi
    rm -f "$log"
}

# The JVM announces the incubating Vector API on every start; vecnn's README explains it once.
# Ctrl-C reaches every process of the terminal's foreground group: the filter ignores it (and
# SIGTERM), so the line in which a stopped training run says how to resume still gets through.
quiet_incubator_warning() {
    trap '' INT TERM
    grep -v --line-buffered '^WARNING: Using incubator modules: jdk.incubator.vector$' >&2
}

# A JVM that cannot start with the user's options (an unknown option, a heap too small to boot)
# prints three lines of its own, some on stdout; this asks it first, only when options were given,
# and says what is wrong in one line.
check_jvm_options() {
    local output reason
    [ -n "${VECNN_JAVA_OPTS:-}" ] || return 0
    output=$("$jdk/bin/java" "$@" -version 2>&1) && return 0
    reason=$(printf '%s\n' "$output" | grep -v -e '^Error occurred during initialization of VM$' \
        -e '^Error: Could not create the Java Virtual Machine\.$' -e '^Error: A fatal exception has occurred' | head -n 1)
    fail "the JVM does not start with VECNN_JAVA_OPTS=\"$VECNN_JAVA_OPTS\": ${reason:-see java -help}"
}

# stdout stays the terminal; only stderr goes through the filter, and both are waited for.
run_java() {
    { "$jdk/bin/java" --add-modules jdk.incubator.vector "$@" 2>&1 1>&3 3>&- | quiet_incubator_warning; } 3>&1
    return "${PIPESTATUS[0]}"
}
