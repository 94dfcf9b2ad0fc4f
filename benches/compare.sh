#!/usr/bin/env bash
# docbao beside tantivy (and fzf and rg when installed) on one archive, in one run (README,
# Speed; docs/performance.md). Build both first:
#   cargo build --release
#   cargo build --release --manifest-path tools/tantivy-anchor/Cargo.toml
#   benches/compare.sh /tmp/gen100k
# First load (docbao with an empty cache, with the moment every article was searchable; tantivy
# indexing with 2 threads), restart (docbao
# from its cache; tantivy opening its index and answering one word), peak memory of each, then
# per query docbao's query time (by relevance and newest first) beside tantivy's top 10 plus
# the count of all matches. fzf and rg run only when installed (apt-get install fzf ripgrep).
set -u
dir=${1:?usage: compare.sh ARCHIVE_DIR}
bin=${DOCBAO:-target/release/docbao}
anchor=${ANCHOR:-tools/tantivy-anchor/target/release/tantivy-anchor}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timed() { /usr/bin/time -f "%e s wall, %U+%S s CPU, peak %M KB" "$@"; }

echo "== first load"
echo -n "docbao (empty cache): "
XDG_CACHE_HOME="$work/cache" timed "$bin" list "$dir" --stats 2>"$work/first" >/dev/null
grep -o '^[0-9.]* s wall.*' "$work/first" | tr '\n' ' '
# Every article searchable (persons and events still to come), and the whole load.
grep -o 'searchable ms: [0-9.]*\|load ms: [0-9.]*' "$work/first" | tr '\n' ' '
echo
echo -n "tantivy index:        "
timed "$anchor" index "$dir" "$work/tidx" 2 2>&1 >/dev/null | grep -o '^[0-9.]* s wall.*'

echo "== restart"
echo -n "docbao (from cache):  "
XDG_CACHE_HOME="$work/cache" timed "$bin" list "$dir" --stats 2>&1 >/dev/null | grep -o '^[0-9.]* s wall.*'
echo -n "tantivy open + word:  "
timed "$anchor" query "$work/tidx" hegseth 2>&1 >/dev/null | grep -o '^[0-9.]* s wall.*'

echo "== queries (docbao: query ms of list --stats; tantivy: median of 7)"
# A word, a prefix, a phrase, a broad term.
for q in "hegseth" "hegs" '"bo truong"' "bo truong"; do
  t=$q
  [ "$q" = "hegs" ] && t="hegs*"
  rel=$(XDG_CACHE_HOME="$work/cache" "$bin" list "$dir" --query "$q" --stats 2>&1 >/dev/null | grep -o 'query ms: [0-9.]*\|matches: [0-9]*' | tr '\n' ' ')
  new=$(XDG_CACHE_HOME="$work/cache" "$bin" list "$dir" --query "$q" --sort newest --stats 2>&1 >/dev/null | grep -o 'query ms: [0-9.]*')
  tan=$("$anchor" query "$work/tidx" "$t" | tail -1 | cut -f2-)
  echo "$q | docbao by relevance: $rel| newest first: $new | tantivy ($t): $tan"
done

if command -v fzf >/dev/null && command -v rg >/dev/null; then
  lines="$work/lines"
  XDG_CACHE_HOME="$work/cache" "$bin" list "$dir" > "$lines" 2>/dev/null
  for q in "hegseth" "bo truong quoc phong"; do
    echo "== $q: fzf --filter on the title lines, rg -l -i -F on the files"
    echo "fzf: $(fzf --filter "$q" < "$lines" | wc -l) lines; rg: $(rg -l -i -F "$q" "$dir" | wc -l) files"
  done
fi
