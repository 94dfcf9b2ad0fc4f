#!/usr/bin/env bash
# docbao beside fzf and rg on one generated archive (README, Speed). Needs fzf, ripgrep and
# hyperfine (apt-get install fzf ripgrep hyperfine) and a release build:
#   cargo build --release && benches/compare.sh target/bench-corpus/100000
# The archive is loaded once first, so docbao's runs restore it from the cache as the reader does.
set -u
dir=${1:?usage: compare.sh ARCHIVE_DIR}
bin=${DOCBAO:-target/release/docbao}
lines=$(mktemp)
"$bin" list "$dir" > "$lines" 2>/dev/null
echo "$(wc -l < "$lines") articles"
for q in "hegseth" "bo truong quoc phong" "quốc phòng"; do
  echo "== $q"
  echo "docbao: $("$bin" list "$dir" --query "$q" 2>/dev/null | wc -l) articles," \
    "$("$bin" list "$dir" --query "$q" --stats 2>&1 >/dev/null | grep -o 'query ms: [0-9.]*')"
  echo "fzf --filter on the title lines: $(fzf --filter "$q" < "$lines" | wc -l) lines"
  echo "rg -l -i -F on the files: $(rg -l -i -F "$q" "$dir" | wc -l) files"
  hyperfine -w 1 -r 5 -i \
    "$bin list $dir --query '$q'" \
    "fzf --filter '$q' < $lines" \
    "rg -l -i -F '$q' $dir"
done
rm -f "$lines"
