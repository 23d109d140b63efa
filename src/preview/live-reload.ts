/** Where open pages listen for rebuilds (server-sent events). */
export const EVENTS_PATH = '/_weeklog/events';

/**
 * Added to every HTML response (never to the files, which stay byte-identical
 * to a build). A `reload` event names the pages that changed, root-relative
 * and unencoded, or `all`; a page reloads only when it is one of them.
 */
export const liveReloadScript = `<script type="module">
const here = () => decodeURIComponent(location.pathname);
const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
events.addEventListener('reload', (event) => {
  const { urls } = JSON.parse(event.data);
  if (urls === 'all' || urls.includes(here())) location.reload();
});
</script>`;
