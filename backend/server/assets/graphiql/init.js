// Starts GraphiQL on /graphql. Kept in a file (no inline script) so that the
// page's Content-Security-Policy can say `script-src 'self'`.
(function () {
  var root = document.getElementById("graphiql");
  var fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
      defaultHeaders: '{\n  "Authorization": "Bearer <jeton d\'accès de login>"\n}',
    })
  );
})();
