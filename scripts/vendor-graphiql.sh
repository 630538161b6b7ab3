#!/usr/bin/env bash
# Refreshes the GraphiQL IDE that Relais serves itself at /graphiql
# (backend/server/assets/graphiql/): the minified files of three npm
# packages, taken from the npm registry with `npm pack` (no other download),
# with their licences and checksums in VERSIONS. The files are committed, so
# building and running Relais needs neither npm nor the network; run this
# only to change versions, then update GRAPHIQL_VERSION in
# backend/server/src/routes/graphiql.rs if it changed.
set -euo pipefail
cd "$(dirname "$0")/.."

GRAPHIQL=${GRAPHIQL_VERSION:-4.1.2}   # the last major with a UMD build
REACT=${REACT_VERSION:-18.3.1}        # React 19 ships no UMD build

dest=backend/server/assets/graphiql
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT" >/dev/null)
for package in "graphiql-$GRAPHIQL" "react-$REACT" "react-dom-$REACT"; do
  mkdir -p "$work/$package"
  tar xzf "$work/$package.tgz" -C "$work/$package"
done

mkdir -p "$dest"
cp "$work/graphiql-$GRAPHIQL/package/graphiql.min.js" "$dest/graphiql.min.js"
cp "$work/graphiql-$GRAPHIQL/package/graphiql.min.css" "$dest/graphiql.min.css"
cp "$work/react-$REACT/package/umd/react.production.min.js" "$dest/react.production.min.js"
cp "$work/react-dom-$REACT/package/umd/react-dom.production.min.js" "$dest/react-dom.production.min.js"
cp "$work/graphiql-$GRAPHIQL/package/LICENSE" "$dest/LICENSE.graphiql"
cp "$work/react-$REACT/package/LICENSE" "$dest/LICENSE.react"

{
  echo "# npm packages (npm pack), refreshed by scripts/vendor-graphiql.sh"
  echo "graphiql $GRAPHIQL"
  echo "react $REACT"
  echo "react-dom $REACT"
  echo
  (cd "$dest" && sha256sum graphiql.min.js graphiql.min.css react.production.min.js react-dom.production.min.js)
} >"$dest/VERSIONS"
echo "GraphiQL $GRAPHIQL and React $REACT vendored in $dest"
