# Sourced by the bin/ scripts: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, then every JDK under /usr/lib/jvm (newest first),
# then the java on PATH. Fails with a clear message when none qualifies.

flymq_java_major() {
  # Prints the major version of the java binary $1 (e.g. 17, 21, 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//' | head -n1
}

flymq_find_java() {
  local min=21 candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r dir; do candidates+=("$dir"); done < <(ls -1d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(flymq_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: FlyMQ needs a JDK $min or newer, and none was found." >&2
  echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, and java on PATH" >&2
  echo "  hint: install a JDK 21+ (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to one" >&2
  return 1
}
